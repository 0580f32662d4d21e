import type { ApiWarning, CodeView, UserGroup } from '@groupkit/client';
import { useEffect, useId, useRef, useState } from 'react';
import { useConsoleClient } from './useConsoleSession';
import { CodeEditForm } from './CodeEditForm';
import { CodeRedemptions } from './CodeRedemptions';
import { ConfirmButton } from './ConfirmButton';
import { formatWindow } from './datetime';
import { FormError } from './FormError';
import { useAdminMutation } from './useAdminMutation';
import { WarningList } from './WarningList';

export interface CodeDetailsProps {
  group: UserGroup;
  code: CodeView;
  onClose: () => void;
  /** After the code was deleted (this panel is about to go). */
  onDeleted: (code: CodeView) => void;
}

/**
 * One code after it was made: revoke it (a leaked campaign) or restore it, move its window or
 * cap, delete it, and see who redeemed it. Focus moves to its heading when it opens.
 */
export function CodeDetails({ group, code, onClose, onDeleted }: CodeDetailsProps) {
  const admin = useConsoleClient();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [outcome, setOutcome] = useState<{ message: string; warnings: ApiWarning[] } | null>(null);
  const toggle = useAdminMutation(
    (active: boolean) => admin.updateCode(group.id, code.id, { active }),
    (result) =>
      setOutcome({
        message: result.code.active
          ? `Restored ${result.code.code}: it can be redeemed again.`
          : `Revoked ${result.code.code}: redeeming it now tells the user it has been switched off.`,
        warnings: result.warnings,
      }),
  );
  const remove = useAdminMutation(
    () => admin.deleteCode(group.id, code.id),
    () => onDeleted(code),
  );

  useEffect(() => {
    headingRef.current?.focus();
  }, [code.id]);

  return (
    <section className="demo-admin-code" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        Code <code>{code.code}</code>
      </h4>
      <p>
        {code.mode === 'shared' ? 'Shared' : 'Single-use'}, {code.status.replace('_', ' ')};{' '}
        {code.redemptionCount}{' '}
        {code.maxRedemptions === null
          ? 'redemptions (no limit)'
          : `of ${code.maxRedemptions} redemptions`}
        ; valid {formatWindow(code.startsAt, code.stopsAt)}.
      </p>
      <div className="demo-admin-actions">
        {/* aria-disabled, not disabled: focus stays on the button while its label flips. */}
        <button
          type="button"
          aria-disabled={toggle.isPending}
          onClick={() => {
            if (toggle.isPending) return;
            setOutcome(null);
            toggle.mutate(!code.active);
          }}
        >
          {code.active ? 'Revoke code' : 'Restore code'}
        </button>
        <ConfirmButton
          question={`Delete ${code.code}? It stops working at once; memberships it gave stay.`}
          confirmLabel="Yes, delete the code"
          onConfirm={() => remove.mutate()}
          disabled={remove.isPending}
        >
          Delete code
        </ConfirmButton>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <div role="status" className="demo-admin-outcome">
        {outcome ? <p>{outcome.message}</p> : null}
        <WarningList warnings={outcome?.warnings ?? []} />
      </div>
      <FormError error={toggle.error ?? remove.error} />
      <CodeEditForm
        group={group}
        code={code}
        onSaved={(result) =>
          setOutcome({
            message: `Saved ${result.code.code}: valid ${formatWindow(result.code.startsAt, result.code.stopsAt)}${
              result.code.maxRedemptions === null ? '' : `, at most ${result.code.maxRedemptions}`
            }.`,
            warnings: result.warnings,
          })
        }
      />
      <CodeRedemptions group={group} code={code} />
    </section>
  );
}
