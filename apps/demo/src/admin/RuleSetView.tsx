import type { UserGroup } from '@groupkit/client';
import { useId } from 'react';
import { RoleNote } from './RoleNote';
import { describeRule } from './ruleSetDraft';

/** A rule set as text, for operators who may read it but not change it (support). */
export function RuleSetView({ group }: { group: UserGroup }) {
  const id = useId();
  const { ruleset } = group;
  if (!ruleset) {
    return (
      <>
        <p>{group.name} has no rule set yet.</p>
        <RoleNote needed="admin" what="Editing a rule set" />
      </>
    );
  }
  return (
    <div className="demo-admin-ruleset-view" aria-labelledby={`${id}-title`} role="group">
      <p id={`${id}-title`}>
        Rule set of {group.name} (read-only): a user is in when{' '}
        {ruleset.operator === 'OR' ? 'any set holds' : 'every set holds'}.
      </p>
      <ol>
        {ruleset.sets.map((set, s) => (
          <li key={set.id}>
            Set {s + 1}: {set.rules.map((rule) => describeRule(rule)).join(' and ')}
          </li>
        ))}
      </ol>
      <RoleNote needed="admin" what="Editing a rule set" />
    </div>
  );
}
