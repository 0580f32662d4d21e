import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { admin } from './adminClient';
import { AutomationForm } from './AutomationForm';
import { AutomationRuns } from './AutomationRuns';
import { FormError } from './FormError';
import { useGroupSlugs } from './useGroupSlugs';

/** Automations (list and create) and their run log. */
export function AutomationsSection() {
  const id = useId();
  const slugs = useGroupSlugs();
  const automations = useQuery({
    queryKey: ['automations'],
    queryFn: ({ signal }) => admin.listAutomations({ signal }),
  });
  const slugList = (ids: string[]) => ids.map((g) => slugs.get(g) ?? g).join(', ') || '—';

  return (
    <section className="demo-admin-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Automations</h2>
      {automations.isError ? <FormError error={automations.error} /> : null}
      <div className="demo-admin-scroll">
        <table className="demo-admin-table">
          <caption>
            {automations.data
              ? `${automations.data.length} automations`
              : automations.isError
                ? 'Could not load the automations'
                : 'Loading automations…'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">When a user is</th>
              <th scope="col">And is then in</th>
              <th scope="col">And is then not in</th>
              <th scope="col">Action</th>
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
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>New automation</h3>
      <AutomationForm />
      <h3>Run log</h3>
      <AutomationRuns slugs={slugs} />
    </section>
  );
}
