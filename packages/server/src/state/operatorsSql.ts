/**
 * Operators, their sessions and sign-in failures, and the audit log, in SQL: what a request
 * loads of them (`LoadSpec.operators`, `signInFailures`, `operatorSessions`, `auditLog`) and
 * the statements that write back what it changed.
 */
import type {
  AuditRecord,
  LoadSpec,
  OperatorRecord,
  OperatorSessionRecord,
  ParsedAuditQuery,
} from '@groupkit/mock-api/core';
import { type SQL, sql } from 'drizzle-orm';
import type { CommitStatements, Tx } from '../db/connect';
import { chunks, jsonRows, rows, textList } from './sqlRows';

/** A timestamptz as the engine writes times: `toISOString()` (UTC, milliseconds, `Z`). */
export const isoOf = (column: SQL) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** An operator row as the engine's record, as a JSON object. */
export const operatorJson = (o: string) =>
  sql`json_build_object('id', ${sql.raw(o)}.id, 'email', ${sql.raw(o)}.email, 'role', ${sql.raw(o)}.role,
    'createdAt', ${isoOf(sql.raw(`${o}.created_at`))},
    'lastSignInAt', ${isoOf(sql.raw(`${o}.last_sign_in_at`))},
    'passwordHash', ${sql.raw(o)}.password_hash)`;

const list = (element: SQL, from: SQL, order: SQL) =>
  sql`coalesce((select json_agg(${element} order by ${order}) from ${from}), '[]'::json)`;
const none = sql`'[]'::json`;

export interface LoadedOperatorRows {
  operators: OperatorRecord[];
  sessions: OperatorSessionRecord[];
  failures: [string, number[]][];
}

/** Whether `spec` reads any of the operator tables (the audit log aside). */
export const readsOperators = (spec: LoadSpec) =>
  spec.operators === true ||
  (spec.signInFailures?.length ?? 0) > 0 ||
  (spec.operatorSessions?.length ?? 0) > 0;

/** The project's operators (all of them: a handful), and the sessions and failures asked for. */
export async function loadOperatorRows(
  tx: Pick<Tx, 'execute'>,
  p: string,
  spec: LoadSpec,
): Promise<LoadedOperatorRows> {
  const sessions = spec.operatorSessions ?? [];
  const failures = spec.signInFailures ?? [];
  const [row] = await rows<LoadedOperatorRows>(
    tx,
    sql`select
      ${spec.operators ? list(operatorJson('o'), sql`operators o where o.project_id = ${p}`, sql`o.seq`) : none} as operators,
      ${
        sessions.length
          ? list(
              sql`json_build_object('tokenHash', s.token_hash, 'operatorId', s.operator_id,
                'createdAt', ${isoOf(sql`s.created_at`)}, 'expiresAt', ${isoOf(sql`s.expires_at`)})`,
              sql`operator_sessions s where s.project_id = ${p} and s.token_hash = any(${textList(sessions)})`,
              sql`s.token_hash`,
            )
          : none
      } as sessions,
      ${
        failures.length
          ? list(
              sql`json_build_array(f.email, f.times)`,
              sql`sign_in_failures f where f.project_id = ${p} and f.email = any(${textList(failures)})`,
              sql`f.email`,
            )
          : none
      } as failures`,
  );
  if (!row) throw new Error('load: the operators statement returned no row');
  return row;
}

/**
 * The entries `query` can return, newest first, one more than its `limit` (so the engine
 * knows there is a next page): its filters in SQL, as `auditMatches` states them, so a
 * page never reads the rest of the log.
 */
export async function loadAuditEntries(
  tx: Pick<Tx, 'execute'>,
  p: string,
  query: ParsedAuditQuery,
): Promise<AuditRecord[]> {
  const where: SQL[] = [sql`a.project_id = ${p}`];
  if (query.actor !== undefined) {
    const names = [...new Set([query.actor, query.actor.toLowerCase()])];
    // A key is named by its id; an operator by id or (lower-cased, as stored) email; the
    // command line, which has neither, by `cli`.
    const cli = names.includes('cli') ? sql` or a.actor->>'type' = 'cli'` : sql``;
    where.push(sql`(coalesce(a.actor->>'keyId', a.actor->>'operatorId') = any(${textList(names)})
      or a.actor->>'email' = any(${textList(names)})${cli})`);
  }
  if (query.targetType !== undefined) where.push(sql`a.target_type = ${query.targetType}`);
  if (query.targetId !== undefined) where.push(sql`a.target_id = ${query.targetId}`);
  const at = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;
  if (query.from !== undefined) where.push(sql`a.at >= ${at(query.from)}`);
  if (query.to !== undefined) where.push(sql`a.at < ${at(query.to)}`);
  if (query.before !== undefined) where.push(sql`a.seq < ${query.before}`);
  const found = await rows<{
    seq: number | string | bigint;
    id: string;
    at: string;
    actor: AuditRecord['actor'];
    action: string;
    target_type: string;
    target_id: string | null;
    request: unknown;
    before: unknown;
    after: unknown;
  }>(
    tx,
    sql`select a.seq, a.id, ${isoOf(sql`a.at`)} as at, a.actor, a.action, a.target_type, a.target_id,
        a.request, a.before, a.after
      from audit_log a where ${sql.join(where, sql` and `)}
      order by a.seq desc limit ${query.limit + 1}`,
  );
  return found.map((row) => ({
    id: row.id,
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    request: row.request ?? null,
    before: row.before ?? null,
    after: row.after ?? null,
  }));
}

/**
 * `value` with U+0000 replaced (by U+FFFD) in every string and key: jsonb cannot hold that
 * character, and a request body that carried one must not fail the write it audits.
 */
export function storableJson(value: unknown): unknown {
  const clean = (text: string) => text.replaceAll('\u0000', '\uFFFD');
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [clean(key), storableJson(inner)]),
  );
}

type Changes<K, V> = { upserted: [K, V][]; deleted: K[] };

export interface OperatorChanges {
  operators: Changes<string, OperatorRecord>;
  operatorSessions: Changes<string, OperatorSessionRecord>;
  signInFailures: Changes<string, number[]>;
  newAudit: AuditRecord[];
}

function each<T>(out: CommitStatements, items: readonly T[], statement: (chunk: T[]) => SQL) {
  for (const chunk of chunks(items)) out.add(statement(chunk));
}

/** Writes what a request changed of operators, sessions, failures and the log (see `persistState`). */
export function persistOperatorChanges(out: CommitStatements, p: string, changes: OperatorChanges) {
  const { operators, operatorSessions: sessions, signInFailures: failures } = changes;
  // An operator's sessions go with them (the foreign key cascades).
  each(
    out,
    operators.deleted,
    (ids) => sql`delete from operators where project_id = ${p} and id = any(${textList(ids)})`,
  );
  each(
    out,
    operators.upserted.map(([, record]) => record),
    (
      items,
    ) => sql`insert into operators (project_id, id, email, role, password_hash, created_at, last_sign_in_at)
      select ${p}, r.v->>'id', r.v->>'email', r.v->>'role', r.v->>'passwordHash',
        (r.v->>'createdAt')::timestamptz, (r.v->>'lastSignInAt')::timestamptz
      from ${jsonRows(items)} order by r.n
      on conflict (project_id, id) do update set email = excluded.email, role = excluded.role,
        password_hash = excluded.password_hash, last_sign_in_at = excluded.last_sign_in_at`,
  );
  each(
    out,
    sessions.deleted,
    (hashes) =>
      sql`delete from operator_sessions where project_id = ${p} and token_hash = any(${textList(hashes)})`,
  );
  const started = sessions.upserted.map(([, session]) => session);
  // Expired sessions (anyone's in the project) are swept at each sign-in: the table keeps
  // what can still sign someone in, plus what expired since the project's last sign-in.
  const [first] = started;
  if (first) {
    out.add(sql`delete from operator_sessions
      where project_id = ${p} and expires_at <= ${first.createdAt}::timestamptz`);
  }
  each(
    out,
    started,
    (
      items,
    ) => sql`insert into operator_sessions (project_id, token_hash, operator_id, created_at, expires_at)
      select ${p}, r.v->>'tokenHash', r.v->>'operatorId', (r.v->>'createdAt')::timestamptz,
        (r.v->>'expiresAt')::timestamptz
      from ${jsonRows(items)} order by r.n`,
  );
  each(
    out,
    failures.deleted,
    (emails) =>
      sql`delete from sign_in_failures where project_id = ${p} and email = any(${textList(emails)})`,
  );
  each(
    out,
    failures.upserted.map(([email, times]) => ({ email, times })),
    (items) => sql`insert into sign_in_failures (project_id, email, times)
      select ${p}, r.v->>'email', r.v->'times' from ${jsonRows(items)}
      on conflict (project_id, email) do update set times = excluded.times`,
  );
  // Numbered by the database as they are stored (`seq`), in the order they were made.
  each(
    out,
    changes.newAudit.map(storableJson),
    (items) => sql`insert into audit_log (project_id, id, at, actor, action, target_type, target_id,
        request, before, after)
      select ${p}, r.v->>'id', (r.v->>'at')::timestamptz, r.v->'actor', r.v->>'action',
        r.v->'target'->>'type', r.v->'target'->>'id', r.v->'request', r.v->'before', r.v->'after'
      from ${jsonRows(items)} order by r.n`,
  );
}
