import type { AuditActor, AuditLogPage, AuditLogQuery } from '@groupkit/client';
import { toCsv } from './csv';
import { GroupsEngineError } from './errors';
import type { EngineState } from './state';
import type { AuditRecord } from './types';

/** Page size of `GET /v1/audit-log`. */
export const AUDIT_PAGE = { default: 50, max: 500 } as const;

/** Body fields never written to the log, whatever route they arrive on. */
const SECRET_FIELDS = ['password'];

/** A copy of a request or answer body with `fields` (at any depth) replaced by `"[redacted]"`. */
export function redactSecrets(value: unknown, fields: readonly string[] = SECRET_FIELDS): unknown {
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, fields));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([field, inner]) => [
      field,
      fields.includes(field) ? '[redacted]' : redactSecrets(inner, fields),
    ]),
  );
}

/** What one admin write adds to the log; the engine gives it its id, time and order. */
export interface AuditInput {
  actor: AuditActor;
  action: string;
  target: { type: string; id: string | null };
  request: unknown;
  before: unknown;
  after: unknown;
  /** More fields to redact than `password` (a route's secrets, e.g. a new key's `value`). */
  redact?: readonly string[];
}

/** Appends an entry (the log is append-only: nothing ever edits or removes one). */
export function appendAudit(state: EngineState, input: AuditInput): AuditRecord {
  const fields = [...SECRET_FIELDS, ...(input.redact ?? [])];
  const entry: AuditRecord = {
    id: state.ids(),
    // The server numbers entries as it stores them; in memory the position is the number.
    seq: state.auditLog.length + 1,
    at: state.now().toISOString(),
    actor: input.actor,
    action: input.action,
    target: input.target,
    request: redactSecrets(input.request ?? null, fields),
    before: redactSecrets(input.before ?? null, fields),
    after: redactSecrets(input.after ?? null, fields),
  };
  state.auditLog.push(entry);
  return entry;
}

function parseTime(raw: string | null, field: string): number | undefined {
  if (raw === null || raw === '') return undefined;
  const time = Date.parse(raw);
  if (Number.isNaN(time)) {
    throw new GroupsEngineError('validation_failed', `${field}: must be an ISO date-time.`, {
      field,
    });
  }
  return time;
}

function parsePositive(raw: string | null, field: string, max: number): number | undefined {
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new GroupsEngineError(
      'validation_failed',
      `${field}: must be a whole number from 1 to ${max}.`,
      { field },
    );
  }
  return value;
}

/** `GET /v1/audit-log`'s query, checked (400 for a bad time, limit or cursor). */
export function parseAuditQuery(
  params: URLSearchParams,
): Required<Pick<AuditLogQuery, 'limit'>> &
  Omit<AuditLogQuery, 'from' | 'to' | 'limit'> & { from?: number; to?: number } {
  const text = (name: string) => params.get(name) || undefined;
  const from = parseTime(params.get('from'), 'from');
  const to = parseTime(params.get('to'), 'to');
  const before = parsePositive(params.get('before'), 'before', Number.MAX_SAFE_INTEGER);
  return {
    limit: parsePositive(params.get('limit'), 'limit', AUDIT_PAGE.max) ?? AUDIT_PAGE.default,
    ...(text('actor') === undefined ? {} : { actor: text('actor') }),
    ...(text('targetType') === undefined ? {} : { targetType: text('targetType') }),
    ...(text('targetId') === undefined ? {} : { targetId: text('targetId') }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(before === undefined ? {} : { before }),
  };
}

export type ParsedAuditQuery = ReturnType<typeof parseAuditQuery>;

/**
 * What `?actor=` matches for an actor: a key's id, an operator's id or (lower-cased) email,
 * and `cli` for the command line (no operator or key id looks like it).
 */
function actorIds(actor: AuditActor): string[] {
  switch (actor.type) {
    case 'key':
      return [actor.keyId];
    case 'operator':
      return [actor.operatorId, actor.email.toLowerCase()];
    case 'cli':
      return ['cli'];
  }
}

/** Whether `entry` passes the query's filters (paging aside). */
export function auditMatches(entry: AuditRecord, query: ParsedAuditQuery): boolean {
  if (query.actor !== undefined) {
    const names = actorIds(entry.actor);
    if (!names.includes(query.actor.toLowerCase()) && !names.includes(query.actor)) return false;
  }
  if (query.targetType !== undefined && entry.target.type !== query.targetType) return false;
  if (query.targetId !== undefined && entry.target.id !== query.targetId) return false;
  const at = Date.parse(entry.at);
  if (query.from !== undefined && at < query.from) return false;
  if (query.to !== undefined && at >= query.to) return false;
  if (query.before !== undefined && entry.seq >= query.before) return false;
  return true;
}

/**
 * `GET /v1/audit-log`: newest first, `limit` at a time; `nextBefore` continues. The server
 * loads only the entries a query can return (the same filters in SQL); this is the rule.
 */
export function listAuditLog(state: EngineState, query: ParsedAuditQuery): AuditLogPage {
  const matching = state.auditLog
    .filter((entry) => auditMatches(entry, query))
    .sort((a, b) => b.seq - a.seq);
  const data = matching.slice(0, query.limit);
  const more = matching.length > query.limit;
  return { data, nextBefore: more ? (data[data.length - 1] as AuditRecord).seq : null };
}

/** The CSV's `actor` cell: a key's id, an operator's email; empty for the command line (`actor_type` says `cli`). */
const actorName = (actor: AuditActor) =>
  actor.type === 'key' ? actor.keyId : actor.type === 'operator' ? actor.email : '';
const json = (value: unknown) => (value === null ? '' : JSON.stringify(value));

/** The same page as CSV (the member export's quoting and formula guard). */
export function auditLogCsv(page: AuditLogPage): string {
  return toCsv([
    [
      'seq',
      'at',
      'actor_type',
      'actor',
      'action',
      'target_type',
      'target_id',
      'request',
      'before',
      'after',
    ],
    ...page.data.map((entry) => [
      String(entry.seq),
      entry.at,
      entry.actor.type,
      actorName(entry.actor),
      entry.action,
      entry.target.type,
      entry.target.id ?? '',
      json(entry.request),
      json(entry.before),
      json(entry.after),
    ]),
  ]);
}
