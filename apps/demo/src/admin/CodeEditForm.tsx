import type { CodeUpdate, CodeUpdated, CodeView, UserGroup } from '@groupkit/client';
import { type FormEvent, useState } from 'react';
import { useConsoleClient } from './useConsoleSession';
import { fromLocalInput, toLocalInput } from './datetime';
import { FormError } from './FormError';
import { useAdminMutation } from './useAdminMutation';

/** The form's fields for a code as it is now. */
function fieldsOf(code: CodeView) {
  return {
    startsAt: toLocalInput(code.startsAt),
    stopsAt: toLocalInput(code.stopsAt),
    maxRedemptions: code.maxRedemptions === null ? '' : String(code.maxRedemptions),
  };
}

/**
 * Moves a code's window and changes a shared code's cap (`PATCH …/codes/{codeId}`). Only
 * changed fields are sent: an untouched window keeps its seconds, which the inputs cannot show.
 */
export function CodeEditForm({
  group,
  code,
  onSaved,
}: {
  group: UserGroup;
  code: CodeView;
  onSaved: (result: CodeUpdated) => void;
}) {
  const admin = useConsoleClient();
  const [fields, setFields] = useState(() => fieldsOf(code));
  const save = useAdminMutation(
    (update: CodeUpdate) => admin.updateCode(group.id, code.id, update),
    (result) => {
      setFields(fieldsOf(result.code));
      onSaved(result);
    },
  );
  const set = (name: keyof typeof fields) => (value: string) =>
    setFields((current) => ({ ...current, [name]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const before = fieldsOf(code);
    const update: CodeUpdate = {};
    if (fields.startsAt !== before.startsAt) update.startsAt = fromLocalInput(fields.startsAt);
    if (fields.stopsAt !== before.stopsAt) update.stopsAt = fromLocalInput(fields.stopsAt);
    if (code.mode === 'shared' && fields.maxRedemptions !== before.maxRedemptions) {
      update.maxRedemptions = fields.maxRedemptions === '' ? null : Number(fields.maxRedemptions);
    }
    save.mutate(update);
  };

  return (
    <form className="demo-admin-form" onSubmit={submit} aria-label={`Edit code ${code.code}`}>
      <div className="demo-admin-grid">
        <label>
          Valid from
          <input
            type="datetime-local"
            value={fields.startsAt}
            onChange={(e) => set('startsAt')(e.target.value)}
          />
        </label>
        <label>
          Valid until
          <input
            type="datetime-local"
            value={fields.stopsAt}
            onChange={(e) => set('stopsAt')(e.target.value)}
          />
        </label>
        {code.mode === 'shared' ? (
          <label>
            Max redemptions (empty: unlimited)
            <input
              type="number"
              min={1}
              step={1}
              value={fields.maxRedemptions}
              onChange={(e) => set('maxRedemptions')(e.target.value)}
            />
          </label>
        ) : (
          <p className="demo-admin-hint">A single-use code works once: its cap stays 1.</p>
        )}
      </div>
      <div className="demo-admin-actions">
        {/* aria-disabled, not disabled: a disabled button drops focus while the save runs. */}
        <button type="submit" aria-disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save window and cap'}
        </button>
      </div>
      <FormError error={save.error} />
    </form>
  );
}
