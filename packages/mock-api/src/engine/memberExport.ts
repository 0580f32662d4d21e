import { CSV_DELIMITERS, type CsvDelimiterName, toCsv } from './csv';
import { GroupsEngineError } from './errors';
import { requireUserGroup } from './lookup';
import { type GroupMember, membersOf, sortMembers } from './members';
import type { EngineState } from './state';
import { expectOneOf } from './validate';

/** `GET /v1/user-groups/{id}/export-users` query, as strings under the API's names. */
export interface MemberExportQuery {
  userid?: string;
  firstname?: string;
  lastname?: string;
  email?: string;
  include_header?: string;
  delimiter?: string;
}

export interface MemberExport {
  /** `<slug>-users.csv`: the slug alphabet needs no escaping in a header. */
  filename: string;
  /** RFC 4180 text, CRLF line ends. */
  csv: string;
}

/** The columns, in export order: the query switch is also the header cell. */
const COLUMNS = ['userid', 'firstname', 'lastname', 'email'] as const satisfies readonly (
  keyof GroupMember | keyof MemberExportQuery
)[];

/** One exported member: the export's columns of their member row (`memberRow`). */
export type MemberExportRow = Pick<GroupMember, (typeof COLUMNS)[number]>;

/** An export query, checked: the columns switched on, the header switch and the delimiter. */
export interface ParsedMemberExportQuery {
  columns: (typeof COLUMNS)[number][];
  includeHeader: boolean;
  delimiter: CsvDelimiterName;
}

const SWITCHES: Record<string, boolean> = { true: true, '1': true, false: false, '0': false };

/** A `true`/`false` (or `1`/`0`) switch; absent or empty takes the default. */
function parseSwitch(value: string | undefined, field: string, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  const parsed = SWITCHES[value];
  if (parsed === undefined) {
    throw new GroupsEngineError(
      'validation_failed',
      `${field}: must be true or false (or 1 or 0), got "${value}".`,
      { field },
    );
  }
  return parsed;
}

/** Checks an export query whole: 400 `validation_failed` naming the bad parameter. */
export function parseMemberExportQuery(query: MemberExportQuery = {}): ParsedMemberExportQuery {
  const columns = COLUMNS.filter((column) => parseSwitch(query[column], column, true));
  const includeHeader = parseSwitch(query.include_header, 'include_header', true);
  const delimiter =
    query.delimiter === undefined || query.delimiter === ''
      ? ','
      : expectOneOf<CsvDelimiterName>(query.delimiter, 'delimiter', [',', ';', '|', 'tab']);
  if (columns.length === 0) {
    throw new GroupsEngineError(
      'validation_failed',
      `columns: switch at least one of ${COLUMNS.join(', ')} on.`,
      { field: 'columns' },
    );
  }
  return { columns, includeHeader, delimiter };
}

/**
 * Exports a group's members as CSV, in the member list's default order. Every column is on
 * unless switched off; at least one must stay on. Cells are formula-guarded (see `csvField`).
 * The in-memory engine sorts every member; a store that can select the export's rows itself
 * (`state.memberExport`, the server in SQL, without reading a user record) hands them over.
 */
export function exportUserGroupMembers(
  state: EngineState,
  idOrSlug: string,
  query: MemberExportQuery = {},
): MemberExport {
  const group = requireUserGroup(state, idOrSlug);
  const { columns, includeHeader, delimiter } = parseMemberExportQuery(query);
  const members: readonly MemberExportRow[] = state.memberExport
    ? state.memberExport(group)
    : sortMembers(membersOf(state, group));
  const rows = members.map((member) => columns.map((column) => member[column]));
  return {
    filename: `${group.slug}-users.csv`,
    csv: toCsv(includeHeader ? [[...columns], ...rows] : rows, CSV_DELIMITERS[delimiter]),
  };
}
