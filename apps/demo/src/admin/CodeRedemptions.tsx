import type { CodeView, UserGroup } from '@groupkit/client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useConsoleClient } from './useConsoleSession';
import { consoleHref } from './consoleRoute';
import { formatInstant } from './datetime';
import { FormError } from './FormError';
import { Pager } from './Pager';
import { ScrollTable } from './ScrollTable';

const PAGE_SIZE = 10;

/** Who used a code and when, oldest first, a page at a time; each user opens on the users page. */
export function CodeRedemptions({ group, code }: { group: UserGroup; code: CodeView }) {
  const admin = useConsoleClient();
  const [page, setPage] = useState(1);
  const redemptions = useQuery({
    queryKey: ['codes', group.id, code.id, 'redemptions', page],
    queryFn: ({ signal }) =>
      admin.listCodeRedemptions(group.id, code.id, { page, pageSize: PAGE_SIZE }, { signal }),
    placeholderData: keepPreviousData,
  });
  const total = redemptions.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <>
      {redemptions.isError ? <FormError error={redemptions.error} /> : null}
      <ScrollTable
        caption={
          redemptions.data
            ? `${total} ${total === 1 ? 'redemption' : 'redemptions'} of ${code.code} (page ${page} of ${pages})`
            : redemptions.isError
              ? 'Could not load the redemptions'
              : 'Loading redemptions…'
        }
      >
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Redeemed</th>
          </tr>
        </thead>
        <tbody>
          {redemptions.data?.data.map((redemption) => (
            <tr key={`${redemption.userId} ${redemption.at}`}>
              <th scope="row">
                <a href={consoleHref('users', redemption.userId)}>{redemption.userId}</a>
              </th>
              <td>{formatInstant(redemption.at)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      {pages > 1 ? (
        <Pager label="Redemption pages" page={page} pages={pages} onPage={setPage} />
      ) : null}
    </>
  );
}
