import type { UserGroup } from '@groupkit/client';
import { type FormEvent, useId, useState } from 'react';
import { errorField, errorMessage } from './consoleClient';
import { FormError } from './FormError';
import { RuleSetFields } from './RuleSetFields';
import { RuleSetHistory } from './RuleSetHistory';
import { RuleSetView } from './RuleSetView';
import { fromRuleSet, type RuleSetForm, toRuleSetInput } from './ruleSetDraft';
import { useAdminMutation } from './useAdminMutation';
import { useConsoleClient, useHasRole } from './useConsoleSession';
import { useUnsavedEdits } from './useUnsavedEdits';

/**
 * Whether the edited rule set is not the group's (compared as it would be sent, so the
 * form's own keys do not count). A draft that cannot be sent as it is counts as edited.
 */
function differsFromSaved(draft: RuleSetForm, group: UserGroup): boolean {
  try {
    return (
      JSON.stringify(toRuleSetInput(draft)) !==
      JSON.stringify(toRuleSetInput(fromRuleSet(group.ruleset)))
    );
  } catch {
    return true;
  }
}

/** Edit and save a rule set: the server repopulates the group from the new rules. */
function RuleSetEditor({ group }: { group: UserGroup }) {
  const admin = useConsoleClient();
  const [draft, setDraft] = useState<RuleSetForm>(() => fromRuleSet(group.ruleset));
  const save = useAdminMutation(
    (form: RuleSetForm) => admin.updateUserGroup(group.id, { ruleset: toRuleSetInput(form) }),
    (saved) => setDraft(fromRuleSet(saved.ruleset)),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };
  useUnsavedEdits(differsFromSaved(draft, group));
  return (
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
  );
}

/**
 * An automatic group's rule set and the population it produced. Admins edit it and see
 * every version; support reads it, with a note that editing needs the admin role.
 */
export function RuleSetSection({ group }: { group: UserGroup }) {
  const id = useId();
  const canEdit = useHasRole('admin');
  return (
    <section className="demo-admin-subsection" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Rule set</h3>
      <p role="status" className="demo-admin-population" data-testid="population">
        Population: {group.memberCount} {group.memberCount === 1 ? 'member' : 'members'}
      </p>
      {canEdit ? (
        <>
          <RuleSetEditor group={group} />
          <RuleSetHistory group={group} />
        </>
      ) : (
        <RuleSetView group={group} />
      )}
    </section>
  );
}
