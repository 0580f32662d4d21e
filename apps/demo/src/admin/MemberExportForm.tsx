import type { ExportMembersParams, UserGroup } from '@groupkit/client';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useConsoleClient } from './useConsoleSession';
import { downloadFile } from './downloadFile';
import { FormError } from './FormError';

type Column = 'userid' | 'firstname' | 'lastname' | 'email';
type Delimiter = NonNullable<ExportMembersParams['delimiter']>;

const COLUMNS: [Column, string][] = [
  ['userid', 'Username'],
  ['firstname', 'First name'],
  ['lastname', 'Last name'],
  ['email', 'Email'],
];
const DELIMITERS: [Delimiter, string][] = [
  [',', 'Comma (,)'],
  [';', 'Semicolon (;)'],
  ['|', 'Pipe (|)'],
  ['tab', 'Tab'],
];

/**
 * The members as a CSV download (`GET …/export-users`), with the export's options behind a
 * disclosure: which columns, a header row or not, and the delimiter (a spreadsheet set to a
 * comma-decimal locale wants semicolons).
 */
export function MemberExportForm({ group }: { group: UserGroup }) {
  const admin = useConsoleClient();
  const id = useId();
  const [showOptions, setShowOptions] = useState(false);
  const [columns, setColumns] = useState<ReadonlySet<Column>>(
    new Set(COLUMNS.map(([column]) => column)),
  );
  const [includeHeader, setIncludeHeader] = useState(true);
  const [delimiter, setDelimiter] = useState<Delimiter>(',');
  const download = useMutation({
    mutationFn: (params: ExportMembersParams) => admin.exportGroupMembersCsv(group.id, params),
    onSuccess: (csv) => downloadFile(csv, `${group.slug}-members.csv`),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const params: ExportMembersParams = { includeHeader, delimiter };
    for (const [column] of COLUMNS) params[column] = columns.has(column);
    download.mutate(params);
  };
  const toggleColumn = (column: Column, on: boolean) =>
    setColumns((current) => {
      const next = new Set(current);
      if (on) next.add(column);
      else next.delete(column);
      return next;
    });

  return (
    <form className="demo-admin-export" onSubmit={submit} aria-label={`Export ${group.name}`}>
      <div className="demo-admin-actions">
        <button type="submit" disabled={download.isPending || columns.size === 0}>
          {download.isPending ? 'Preparing CSV…' : 'Download CSV'}
        </button>
        <button
          type="button"
          aria-expanded={showOptions}
          aria-controls={`${id}-options`}
          onClick={() => setShowOptions((shown) => !shown)}
        >
          Export options
        </button>
      </div>
      <div id={`${id}-options`} hidden={!showOptions} className="demo-admin-export-options">
        <fieldset className="demo-admin-inline">
          <legend>Columns</legend>
          {COLUMNS.map(([column, label]) => (
            <label key={column}>
              <input
                type="checkbox"
                checked={columns.has(column)}
                onChange={(e) => toggleColumn(column, e.target.checked)}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <p role="status" className="demo-admin-field-error">
          {columns.size === 0 ? 'Choose at least one column.' : ''}
        </p>
        <div className="demo-admin-actions">
          <label className="demo-admin-check">
            <input
              type="checkbox"
              checked={includeHeader}
              onChange={(e) => setIncludeHeader(e.target.checked)}
            />
            Header row
          </label>
          <label>
            Delimiter
            <select value={delimiter} onChange={(e) => setDelimiter(e.target.value as Delimiter)}>
              {DELIMITERS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <FormError error={download.error} />
    </form>
  );
}
