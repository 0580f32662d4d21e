import type { Flow } from '@groupkit/client';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FlowFormFields, focusFirstInvalid } from './FlowFormFields';
import { type FlowForm, newFlowForm, toDraftUpdate } from './flowDraft';
import { FormError } from './FormError';
import { useAdminMutation } from './useAdminMutation';
import { useConsoleClient } from './useConsoleSession';

/**
 * `POST /v1/flows`: a new flow's id, name, first steps and targeting, as its draft. Nothing
 * is published (nobody sees it) until the draft is.
 */
export function NewFlowForm({ onCreated }: { onCreated: (flow: Flow) => void }) {
  const admin = useConsoleClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [flowId, setFlowId] = useState('');
  const [form, setForm] = useState<FlowForm>(newFlowForm);
  const create = useAdminMutation(
    ({ form }: { form: FlowForm; keys: number[] }) =>
      admin.createFlow({ id: flowId.trim(), ...toDraftUpdate(form) }),
    onCreated,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ form, keys: form.steps.map((s) => s.key) });
  };
  // Once a refusal is on screen (fields marked), the keyboard goes to the first one.
  useEffect(() => {
    if (create.error) focusFirstInvalid(formRef.current);
  }, [create.error]);

  return (
    <form
      ref={formRef}
      className="demo-admin-form demo-admin-flow-form"
      onSubmit={submit}
      aria-label="New flow"
    >
      <FlowFormFields
        value={form}
        onChange={setForm}
        flowId={{ value: flowId, onChange: setFlowId }}
        error={create.error}
        sentKeys={create.variables?.keys ?? []}
      />
      <div className="demo-admin-actions">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create flow'}
        </button>
        <span className="demo-admin-hint">Creating saves a draft; publish it to show it.</span>
      </div>
      <FormError error={create.error} />
    </form>
  );
}
