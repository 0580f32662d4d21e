import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useConsoleClient } from './useConsoleSession';
import { AutomationActions } from './AutomationActions';
import { AutomationForm } from './AutomationForm';
import { AutomationRuns } from './AutomationRuns';
import { FormError } from './FormError';
import { ScrollTable } from './ScrollTable';
import { useGroupSlugs } from './useGroupSlugs';

/** Automations (list, create, edit, switch off, delete) and their run log. */
export function AutomationsSection() {
  const admin = useConsoleClient();
  const id = useId();
  const slugs = useGroupSlugs();
  const [editingId, setEditingId] = useState<string | null>(null);
  const editHeading = useRef<HTMLHeadingElement>(null);
  const lastEdited = useRef<string | null>(null);
  const editButtonId = (automationId: string) => `${id}-edit-${automationId}`;
  // Focus follows the edit: to the form's heading when it opens, back to the row's Edit
  // button when it closes (saved or cancelled).
  useEffect(() => {
    if (editingId) {
      editHeading.current?.focus();
      lastEdited.current = editingId;
    } else if (lastEdited.current) {
      document.getElementById(editButtonId(lastEdited.current))?.focus();
      lastEdited.current = null;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- editButtonId derives from the stable useId
  }, [editingId]);

  const automations = useQuery({
    queryKey: ['automations'],
    queryFn: ({ signal }) => admin.listAutomations({ signal }),
  });
  const editing = automations.data?.find((a) => a.id === editingId);
  const slugList = (ids: string[]) => ids.map((g) => slugs.get(g) ?? g).join(', ') || '—';

  return (
    <section className="demo-admin-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Automations</h2>
      {automations.isError ? <FormError error={automations.error} /> : null}
      <ScrollTable
        caption={
          automations.data
            ? `${automations.data.length} automations`
            : automations.isError
              ? 'Could not load the automations'
              : 'Loading automations…'
        }
      >
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">When a user is</th>
            <th scope="col">And is then in</th>
            <th scope="col">And is then not in</th>
            <th scope="col">Action</th>
            <th scope="col">Enabled, edit, delete</th>
          </tr>
        </thead>
        <tbody>
          {automations.data?.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.name}</th>
              <td>
                {a.trigger.event === 'added_to' ? 'added to' : 'removed from'}{' '}
                {slugs.get(a.trigger.groupId) ?? a.trigger.groupId}
              </td>
              <td>{slugList(a.trigger.requireIn)}</td>
              <td>{slugList(a.trigger.requireNotIn)}</td>
              <td>
                {a.action.type} <code>{a.action.template}</code>
              </td>
              <td>
                <AutomationActions
                  automation={a}
                  onEdit={() => setEditingId(a.id)}
                  editButtonId={editButtonId(a.id)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      {editing ? (
        <>
          <h3 ref={editHeading} tabIndex={-1}>
            Edit automation
          </h3>
          <AutomationForm
            key={editing.id}
            editing={editing}
            slugs={slugs}
            onDone={() => setEditingId(null)}
          />
        </>
      ) : null}
      <h3>New automation</h3>
      <AutomationForm />
      <h3>Run log</h3>
      <AutomationRuns slugs={slugs} />
    </section>
  );
}
