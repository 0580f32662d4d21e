import type { Automation } from '@groupkit/client';
import { useState } from 'react';
import { useConsoleClient } from './useConsoleSession';
import { ConfirmButton } from './ConfirmButton';
import { FormError } from './FormError';
import { useAdminMutation } from './useAdminMutation';

export interface AutomationActionsProps {
  automation: Automation;
  /** Opens the edit form for this automation. */
  onEdit: () => void;
  /** The Edit button's id, so focus can come back to it when the edit form closes. */
  editButtonId: string;
}

/**
 * One automation's row actions: switch it on or off (`PATCH enabled`), edit it, delete it
 * (asks first; its runs stay in the log).
 */
export function AutomationActions({ automation, onEdit, editButtonId }: AutomationActionsProps) {
  const admin = useConsoleClient();
  const toggle = useAdminMutation((enabled: boolean) =>
    admin.updateAutomation(automation.id, { enabled }),
  );
  // What the box shows from the click until the list is reloaded: a controlled checkbox
  // would otherwise snap back for a moment (the mutation's state arrives a tick later).
  const [shown, setShown] = useState<boolean | null>(null);
  const remove = useAdminMutation(() => admin.deleteAutomation(automation.id));
  const busy = toggle.isPending || remove.isPending;
  return (
    <>
      <div className="demo-admin-actions">
        <label className="demo-admin-check">
          <input
            type="checkbox"
            checked={shown ?? automation.enabled}
            onChange={(e) => {
              setShown(e.target.checked);
              toggle.mutate(e.target.checked, { onSettled: () => setShown(null) });
            }}
            disabled={busy}
            aria-label={`Enabled: ${automation.name}`}
          />
          {automation.enabled ? 'On' : 'Off'}
        </label>
        <button
          type="button"
          id={editButtonId}
          onClick={onEdit}
          disabled={busy}
          aria-label={`Edit ${automation.name}`}
        >
          Edit
        </button>
        <ConfirmButton
          label={`Delete ${automation.name}`}
          question={`Delete “${automation.name}”? Its runs stay in the log.`}
          confirmLabel="Delete automation"
          onConfirm={() => remove.mutate(undefined)}
          disabled={busy}
        >
          Delete
        </ConfirmButton>
      </div>
      <FormError error={toggle.error ?? remove.error} />
    </>
  );
}
