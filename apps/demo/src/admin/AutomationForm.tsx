import type {
  Automation,
  AutomationAction,
  AutomationCreate,
  AutomationEvent,
} from '@groupkit/client';
import { type FormEvent, useId, useState } from 'react';
import { splitList } from './consoleClient';
import { useConsoleClient } from './useConsoleSession';
import { FormError } from './FormError';
import { useAdminMutation } from './useAdminMutation';

export interface AutomationFormProps {
  /** Edit this automation (`PATCH`) instead of creating one. */
  editing?: Automation;
  /** Group slugs by id, to show an edited automation's groups by slug. */
  slugs?: ReadonlyMap<string, string>;
  /** After a successful edit, or when the edit is cancelled. */
  onDone?: () => void;
}

/**
 * `POST /v1/automations`: an action fired when a user is added to or removed from a group;
 * with `editing`, `PATCH /v1/automations/{id}` of that automation (every field sent).
 */
export function AutomationForm({ editing, slugs, onDone }: AutomationFormProps = {}) {
  const admin = useConsoleClient();
  const titleId = useId();
  const slugOf = (groupId: string) => slugs?.get(groupId) ?? groupId;
  const [name, setName] = useState(editing?.name ?? '');
  const [event, setEvent] = useState<AutomationEvent>(editing?.trigger.event ?? 'added_to');
  const [group, setGroup] = useState(editing ? slugOf(editing.trigger.groupId) : '');
  const [requireIn, setRequireIn] = useState(
    editing?.trigger.requireIn.map(slugOf).join(', ') ?? '',
  );
  const [requireNotIn, setRequireNotIn] = useState(
    editing?.trigger.requireNotIn.map(slugOf).join(', ') ?? '',
  );
  const [actionType, setActionType] = useState<AutomationAction['type']>(
    editing?.action.type ?? 'email',
  );
  const [template, setTemplate] = useState(editing?.action.template ?? '');
  const [enabled, setEnabled] = useState(editing?.enabled ?? true);
  const [created, setCreated] = useState('');
  const save = useAdminMutation(
    (body: AutomationCreate) =>
      editing ? admin.updateAutomation(editing.id, body) : admin.createAutomation(body),
    (automation) => {
      if (editing) {
        onDone?.();
        return;
      }
      setCreated(`Created “${automation.name}”.`);
      setName('');
      setTemplate('');
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated('');
    save.mutate({
      name,
      trigger: {
        event,
        group: group.trim(),
        requireIn: splitList(requireIn),
        requireNotIn: splitList(requireNotIn),
      },
      action: { type: actionType, template: template.trim() },
      enabled,
    });
  };
  const label = editing ? `Edit automation “${editing.name}”` : 'New automation';

  return (
    <form
      className="demo-admin-form"
      onSubmit={submit}
      aria-label={label}
      aria-describedby={editing ? titleId : undefined}
      onKeyDown={(e) => {
        if (editing && e.key === 'Escape') onDone?.();
      }}
    >
      {editing ? (
        <p id={titleId} className="demo-admin-hint">
          Editing “{editing.name}”. Escape cancels.
        </p>
      ) : null}
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
        <label className="demo-admin-check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Enabled (a disabled automation never fires)
        </label>
      </div>
      <div className="demo-admin-actions">
        <button type="submit" disabled={save.isPending}>
          {editing
            ? save.isPending
              ? 'Saving…'
              : 'Save automation'
            : save.isPending
              ? 'Creating…'
              : 'Create automation'}
        </button>
        {editing ? (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        ) : null}
        <span role="status">{created}</span>
      </div>
      <FormError error={save.error} />
    </form>
  );
}
