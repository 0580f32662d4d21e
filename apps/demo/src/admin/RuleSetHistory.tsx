import type { UserGroup } from '@groupkit/client';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { actorName } from './auditActor';
import { formatInstant } from './datetime';
import { FormError } from './FormError';
import { describeRuleSet } from './ruleSetDraft';
import { ScrollTable } from './ScrollTable';
import { useConsoleClient } from './useConsoleSession';

/**
 * Every version of a group's rule set, newest first, with the population change each made
 * and, when the API says, who made it (`changedBy`).
 */
export function RuleSetHistory({ group }: { group: UserGroup }) {
  const admin = useConsoleClient();
  const id = useId();
  const history = useQuery({
    queryKey: ['history', group.id],
    queryFn: ({ signal }) => admin.listConditionsHistory(group.id, { signal }),
  });
  const versions = history.data ?? [];
  const withAuthor = versions.some((v) => 'changedBy' in v);

  return (
    <>
      <ScrollTable caption="Conditions history" describedBy={`${id}-hint`}>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Changed</th>
            {withAuthor ? <th scope="col">By</th> : null}
            <th scope="col">Population</th>
            <th scope="col">Rules</th>
          </tr>
        </thead>
        <tbody>
          {[...versions].reverse().map((version) => (
            <tr key={version.version} data-testid="history-row">
              <th scope="row">v{version.version}</th>
              <td>{formatInstant(version.changedAt)}</td>
              {withAuthor ? (
                <td>{actorName((version as { changedBy?: unknown }).changedBy) ?? '—'}</td>
              ) : null}
              <td>
                {version.populationBefore} → {version.populationAfter}
              </td>
              <td>
                <code>{describeRuleSet(version.ruleset)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <p id={`${id}-hint`} className="demo-admin-hint">
        Newest first. Saving an unchanged rule set adds no version.
      </p>
      {history.isError ? <FormError error={history.error} /> : null}
    </>
  );
}
