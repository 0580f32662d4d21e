import type { Flow, FlowContent } from '@groupkit/client';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FlowFormFields, focusFirstInvalid } from './FlowFormFields';
import { differsFrom, type FlowForm, fromContent, toDraftUpdate } from './flowDraft';
import { FormError } from './FormError';
import { useAdminMutation } from './useAdminMutation';
import { useConsoleClient } from './useConsoleSession';
import { useUnsavedEdits } from './useUnsavedEdits';

export interface FlowDraftEditorProps {
  flow: Flow;
  /** Id of the heading that names the form (it does not change when the flow is renamed). */
  labelledBy: string;
  /** Told whenever the form starts or stops differing from the saved draft. */
  onDirtyChange: (dirty: boolean) => void;
}

/**
 * A flow's draft (`PUT /v1/flows/{flowId}`): name, steps and targeting, saved as a whole.
 * What differs from the saved draft is said next to the Save button, and leaving (another
 * console page, a reload, a closed tab) asks first while it does.
 */
export function FlowDraftEditor({ flow, labelledBy, onDirtyChange }: FlowDraftEditorProps) {
  const admin = useConsoleClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [saved, setSaved] = useState<FlowContent>(flow.draft);
  const [form, setForm] = useState<FlowForm>(() => fromContent(flow.draft));
  const [savedAt, setSavedAt] = useState('');
  const save = useAdminMutation(
    ({ form }: { form: FlowForm; keys: number[] }) =>
      admin.updateFlowDraft(flow.id, toDraftUpdate(form)),
    (result, { keys }) => {
      setSaved(result.draft);
      // The API's copy (group ids read as slugs, text trimmed), each step keeping its key.
      setForm(fromContent(result.draft, keys));
      setSavedAt(new Date().toLocaleTimeString('en-GB', { timeStyle: 'short' }));
    },
  );
  const dirty = differsFrom(form, saved);

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useUnsavedEdits(dirty);
  // Once a refusal is on screen (fields marked), the keyboard goes to the first one.
  useEffect(() => {
    if (save.error) focusFirstInvalid(formRef.current);
  }, [save.error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSavedAt('');
    save.mutate({ form, keys: form.steps.map((s) => s.key) });
  };
  const state = save.isPending
    ? 'Saving…'
    : dirty
      ? 'Unsaved changes: users see none of this until it is saved and published.'
      : savedAt
        ? `Draft saved at ${savedAt}.`
        : 'No unsaved changes.';

  return (
    <form
      ref={formRef}
      className="demo-admin-form demo-admin-flow-form"
      onSubmit={submit}
      aria-labelledby={labelledBy}
    >
      <FlowFormFields
        value={form}
        onChange={setForm}
        error={save.error}
        sentKeys={save.variables?.keys ?? []}
      />
      <div className="demo-admin-actions demo-admin-flow-save">
        <button type="submit" disabled={save.isPending || !dirty}>
          Save draft
        </button>
        <button
          type="button"
          disabled={save.isPending || !dirty}
          onClick={() => {
            save.reset();
            setForm(fromContent(saved));
          }}
        >
          Discard changes
        </button>
        <span role="status" data-dirty={dirty || undefined} data-testid="draft-state">
          {state}
        </span>
      </div>
      <FormError error={save.error} />
    </form>
  );
}
