import type { AutomationAction, AutomationCreate, AutomationEvent } from '@groupkit/client';
import { type FormEvent, useState } from 'react';
import { admin, splitList } from './adminClient';
import { FormError } from './FormError';
import { useAdminMutation } from './useAdminMutation';

/** `POST /v1/automations`: an action fired when a user is added to or removed from a group. */
export function AutomationForm() {
  const [name, setName] = useState('');
  const [event, setEvent] = useState<AutomationEvent>('added_to');
  const [group, setGroup] = useState('');
  const [requireIn, setRequireIn] = useState('');
  const [requireNotIn, setRequireNotIn] = useState('');
  const [actionType, setActionType] = useState<AutomationAction['type']>('email');
  const [template, setTemplate] = useState('');
  const [created, setCreated] = useState('');
  const create = useAdminMutation(
    (body: AutomationCreate) => admin.createAutomation(body),
    (automation) => {
      setCreated(`Created “${automation.name}”.`);
      setName('');
      setTemplate('');
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated('');
    create.mutate({
      name,
      trigger: {
        event,
        group: group.trim(),
        requireIn: splitList(requireIn),
        requireNotIn: splitList(requireNotIn),
      },
      action: { type: actionType, template: template.trim() },
    });
  };

  return (
    <form className="demo-admin-form" onSubmit={submit} aria-label="New automation">
      <div className="demo-admin-grid">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          When a user is
          <select value={event} onChange={(e) => setEvent(e.target.value as AutomationEvent)}>
            <option value="added_to">added to</option>
            <option value="removed_from">removed from</option>
          </select>
        </label>
        <label>
          Group (slug or id)
          <input
            value={group}
            onChange={(e) => setGroup(e.target.value)}
            required
            autoComplete="off"
            spellCheck={false}
            placeholder="plus"
          />
        </label>
        <label>
          And is then in (slugs)
          <input
            value={requireIn}
            onChange={(e) => setRequireIn(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            placeholder="customer"
          />
        </label>
        <label>
          And is then not in (slugs)
          <input
            value={requireNotIn}
            onChange={(e) => setRequireNotIn(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            placeholder="pro"
          />
        </label>
        <label>
          Action
          <select
            value={actionType}
            onChange={(e) => setActionType(e.target.value as AutomationAction['type'])}
          >
            <option value="email">send an email</option>
            <option value="workflow">start a workflow</option>
          </select>
        </label>
        <label>
          Template
          <input
            value={template}
            onChange={(e) => setTemplate(e.target.value)}
            required
            autoComplete="off"
            spellCheck={false}
            placeholder="welcome-plus"
          />
        </label>
      </div>
      <div className="demo-admin-actions">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create automation'}
        </button>
        <span role="status">{created}</span>
      </div>
      <FormError error={create.error} />
    </form>
  );
}
