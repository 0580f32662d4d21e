import type { AuditLogQuery } from '@groupkit/client';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { AuditEntryRow } from './AuditEntryRow';
import { TARGET_TYPES } from './auditText';
import { fromLocalInput } from './datetime';
import { downloadFile } from './downloadFile';
import { FormError } from './FormError';
import { ScrollTable } from './ScrollTable';
import { useConsoleClient } from './useConsoleSession';

const PAGE_SIZE = 20;
/** The most the CSV export takes in one file (the API's largest page). */
const EXPORT_LIMIT = 500;

interface Filters {
  actor: string;
  targetType: string;
  /** `datetime-local` values, in the browser's time zone. */
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { actor: '', targetType: '', from: '', to: '' };

function queryOf(filters: Filters): AuditLogQuery {
  return {
    actor: filters.actor.trim() || undefined,
    targetType: filters.targetType || undefined,
    from: fromLocalInput(filters.from) ?? undefined,
    to: fromLocalInput(filters.to) ?? undefined,
  };
}

/**
 * Every admin write, newest first (`GET /v1/audit-log`): who made it (an operator or an API
 * key), what and to what, with the state before and after. Filters by actor, target type
 * and time; Older and Newer page with the API's `nextBefore` cursor; the filtered log
 * downloads as CSV.
 */
export function AuditLogPage() {
  const admin = useConsoleClient();
  const id = useId();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // The `before` cursor of each page opened past the first: Newer goes back one.
  const [cursors, setCursors] = useState<number[]>([]);
  const query: AuditLogQuery = { ...queryOf(filters), before: cursors.at(-1), limit: PAGE_SIZE };
  const log = useQuery({
    queryKey: ['audit-log', query],
    queryFn: ({ signal }) => admin.listAuditLog(query, { signal }),
    placeholderData: keepPreviousData,
  });
  const download = useMutation({
    mutationFn: () => admin.exportAuditLogCsv({ ...queryOf(filters), limit: EXPORT_LIMIT }),
    onSuccess: (csv) => downloadFile(csv, 'audit-log.csv'),
  });
  const set = (patch: Partial<Filters>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    setCursors([]);
  };
  const page = cursors.length + 1;
  const entries = log.data?.data ?? [];
  const nextBefore = log.data?.nextBefore ?? null;
  const filtered = Object.values(filters).some((value) => value !== '');

  return (
    <section className="demo-admin-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Audit log</h2>
      <p className="demo-admin-hint">
        Every change made with the secret key, by a signed-in operator or from the command line
        (operators and keys made with <code>groupkit-server</code>), newest first. Entries are never
        edited or removed.
      </p>
      <form className="demo-admin-form" onSubmit={submit} aria-label="Filter the audit log">
        <div className="demo-admin-grid">
          <label>
            Actor (email, operator id, key id, or cli for the command line)
            <input
              value={draft.actor}
              onChange={(e) => set({ actor: e.target.value })}
              autoComplete="off"
              spellCheck={false}
            />
          </label>
          <label>
            Target type
            <select value={draft.targetType} onChange={(e) => set({ targetType: e.target.value })}>
              <option value="">any</option>
              {TARGET_TYPES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            From
            <input
              type="datetime-local"
              value={draft.from}
              onChange={(e) => set({ from: e.target.value })}
            />
          </label>
          <label>
            To (before)
            <input
              type="datetime-local"
              value={draft.to}
              onChange={(e) => set({ to: e.target.value })}
            />
          </label>
        </div>
        <div className="demo-admin-actions">
          <button type="submit">Filter</button>
          <button
            type="button"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
              setCursors([]);
            }}
          >
            Clear filters
          </button>
          <button
            type="button"
            onClick={() => download.mutate()}
            aria-disabled={download.isPending}
            aria-describedby={`${id}-csv`}
          >
            {download.isPending ? 'Preparing…' : 'Download CSV'}
          </button>
          <span id={`${id}-csv`} className="demo-admin-hint">
            Up to {EXPORT_LIMIT} entries matching the filters, newest first.
          </span>
        </div>
        <FormError error={download.error} />
      </form>
      {log.isError ? <FormError error={log.error} /> : null}
      <ScrollTable
        caption={
          log.data
            ? `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}${filtered ? ' matching the filters' : ''}, page ${page}, newest first`
            : log.isError
              ? 'Could not load the audit log'
              : 'Loading the audit log…'
        }
      >
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <AuditEntryRow key={entry.id} entry={entry} />
          ))}
        </tbody>
      </ScrollTable>
      <nav className="demo-admin-pager" aria-label="Audit log pages">
        <button
          type="button"
          onClick={() => setCursors((c) => c.slice(0, -1))}
          disabled={cursors.length === 0}
        >
          Newer
        </button>
        <span>Page {page}</span>
        <button
          type="button"
          onClick={() => {
            if (nextBefore !== null) setCursors((c) => [...c, nextBefore]);
          }}
          disabled={nextBefore === null || log.isPlaceholderData}
        >
          Older
        </button>
      </nav>
    </section>
  );
}
