import type { UserGroup } from '@groupkit/client';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { admin, errorField, errorMessage } from './adminClient';
import { formatInstant } from './datetime';
import { FormError } from './FormError';
import { RuleSetFields } from './RuleSetFields';
import { describeRuleSet, fromRuleSet, type RuleSetForm, toRuleSetInput } from './ruleSetDraft';
import { useAdminMutation } from './useAdminMutation';
import { ScrollTable } from './ScrollTable';

/**
 * An automatic group's rule set: edit, save (the server repopulates the group from the new
 * rules), the population it produced, and every version with its population change.
 */
export function RuleSetSection({ group }: { group: UserGroup }) {
  const id = useId();
  const [draft, setDraft] = useState<RuleSetForm>(() => fromRuleSet(group.ruleset));
  const history = useQuery({
    queryKey: ['history', group.id],
    queryFn: ({ signal }) => admin.listConditionsHistory(group.id, { signal }),
  });
  const save = useAdminMutation(
    (form: RuleSetForm) => admin.updateUserGroup(group.id, { ruleset: toRuleSetInput(form) }),
    (saved) => setDraft(fromRuleSet(saved.ruleset)),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };
  const versions = history.data ?? [];

  return (
    <section className="demo-admin-subsection" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Rule set</h3>
      <p role="status" className="demo-admin-population" data-testid="population">
        Population: {group.memberCount} {group.memberCount === 1 ? 'member' : 'members'}
      </p>
      <form onSubmit={submit} aria-label={`Rule set of ${group.name}`} className="demo-admin-form">
        <RuleSetFields
          value={draft}
          onChange={setDraft}
          errorField={errorField(save.error)}
          errorMessage={save.error ? errorMessage(save.error) : undefined}
          disabled={save.isPending}
        />
        <div className="demo-admin-actions">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save rule set'}
          </button>
          <button
            type="button"
            onClick={() => {
              save.reset();
              setDraft(fromRuleSet(group.ruleset));
            }}
            disabled={save.isPending}
          >
            Discard edits
          </button>
        </div>
        <FormError error={save.error} />
      </form>
      <ScrollTable caption="Conditions history" describedBy={`${id}-history-hint`}>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Changed</th>
            <th scope="col">Population</th>
            <th scope="col">Rules</th>
          </tr>
        </thead>
        <tbody>
          {[...versions].reverse().map((version) => (
            <tr key={version.version} data-testid="history-row">
              <th scope="row">v{version.version}</th>
              <td>{formatInstant(version.changedAt)}</td>
              <td>
                {version.populationBefore} → {version.populationAfter}
              </td>
              <td>
                <code>{describeRuleSet(version.ruleset)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <p id={`${id}-history-hint`} className="demo-admin-hint">
        Newest first. Saving an unchanged rule set adds no version.
      </p>
      {history.isError ? <FormError error={history.error} /> : null}
    </section>
  );
}
