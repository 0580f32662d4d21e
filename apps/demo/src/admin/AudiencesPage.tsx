import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useConsoleClient } from './useConsoleSession';
import { downloadFile } from './downloadFile';
import { FormError } from './FormError';
import { GroupPicker } from './GroupPicker';
import { Pager } from './Pager';
import { useAllGroups } from './useAllGroups';
import { ScrollTable } from './ScrollTable';

const PAGE_SIZE = 20;

/**
 * Who a campaign reaches: members of any included group (everyone when none is chosen) who
 * are in no excluded group — the rule `<GroupGate>` applies. The count and the first page
 * follow every change (`POST /v1/audiences/preview`); the whole list downloads as CSV
 * (`GET /v1/audiences/export`).
 */
export function AudiencesPage() {
  const admin = useConsoleClient();
  const id = useId();
  const groups = useAllGroups();
  const [include, setInclude] = useState<string[]>([]);
  const [exclude, setExclude] = useState<string[]>([]);
  const [page, setPage] = useState(1);
  const preview = useQuery({
    queryKey: ['audience', { include, exclude, page }],
    queryFn: ({ signal }) =>
      admin.previewAudience({ include, exclude, page, pageSize: PAGE_SIZE }, { signal }),
    placeholderData: keepPreviousData,
  });
  const download = useMutation({
    mutationFn: () => admin.exportAudienceCsv({ include, exclude }),
    onSuccess: (csv) => downloadFile(csv, 'audience.csv'),
  });
  const total = preview.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pick = (set: (slugs: string[]) => void) => (slugs: string[]) => {
    set(slugs);
    setPage(1);
  };
  const count = preview.data
    ? `${total} ${total === 1 ? 'user' : 'users'} in this audience.`
    : preview.isError
      ? 'Could not count this audience.'
      : 'Counting…';

  return (
    <section className="demo-admin-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Audiences</h2>
      <p className="demo-admin-hint">
        Members of any included group (everyone when none is included), minus members of any
        excluded group.
      </p>
      {groups.isError ? <FormError error={groups.error} /> : null}
      <div className="demo-admin-pickers">
        <GroupPicker
          legend="Include members of any of"
          groups={groups.data ?? []}
          value={include}
          onChange={pick(setInclude)}
        />
        <GroupPicker
          legend="Exclude members of any of"
          groups={groups.data ?? []}
          value={exclude}
          onChange={pick(setExclude)}
        />
      </div>
      <div className="demo-admin-actions">
        {/* Mounted up front: each new count is announced as the choice changes (once it is in). */}
        <p role="status" className="demo-admin-population" aria-busy={preview.isPlaceholderData}>
          {count}
        </p>
        <button
          type="button"
          onClick={() => {
            if (!download.isPending) download.mutate();
          }}
          aria-disabled={download.isPending}
          disabled={!preview.data || total === 0}
        >
          {download.isPending ? 'Preparing CSV…' : 'Download CSV'}
        </button>
      </div>
      <FormError error={download.error ?? (preview.isError ? preview.error : null)} />
      <ScrollTable
        caption={
          preview.data
            ? `Audience, page ${page} of ${pages}, by last name`
            : 'Loading the audience…'
        }
      >
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">User id</th>
            <th scope="col">Email</th>
          </tr>
        </thead>
        <tbody>
          {preview.data?.data.map((user) => (
            <tr key={user.id}>
              <th scope="row">
                {[user.firstname, user.lastname].filter(Boolean).join(' ') || user.id}
              </th>
              <td>
                <code>{user.id}</code>
              </td>
              <td>{user.email}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <Pager label="Audience pages" page={page} pages={pages} onPage={setPage} />
    </section>
  );
}
