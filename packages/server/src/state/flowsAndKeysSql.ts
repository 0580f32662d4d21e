/**
 * Onboarding flows, progress through them, and API keys made or revoked by owners: the
 * statements that write back what a request changed of them (loading is the load
 * statement's: `LoadSpec.flows`, `flowProgress`, `apiKeys`).
 */
import type { ApiKeyRecord, FlowProgressRecord, FlowRecord } from '@groupkit/mock-api/core';
import { type SQL, sql } from 'drizzle-orm';
import type { CommitStatements } from '../db/connect';
import { chunks, jsonRows, textList } from './sqlRows';

type Changes<V> = { upserted: [string, V][]; deleted: string[] };

export interface FlowAndKeyChanges {
  apiKeys: Changes<ApiKeyRecord>;
  flows: Changes<FlowRecord>;
  flowProgress: Changes<FlowProgressRecord>;
}

function each<T>(out: CommitStatements, items: readonly T[], statement: (chunk: T[]) => SQL) {
  for (const chunk of chunks(items)) out.add(statement(chunk));
}

/** Writes the changes, children after parents and before their parents go. */
export function persistFlowAndKeyChanges(
  out: CommitStatements,
  p: string,
  { apiKeys, flows, flowProgress }: FlowAndKeyChanges,
) {
  each(
    out,
    apiKeys.deleted,
    (ids) => sql`delete from api_keys where project_id = ${p} and id = any(${textList(ids)})`,
  );
  // A key is made, never edited: its hash and prefix are what it was made with.
  each(
    out,
    apiKeys.upserted.map(([, record]) => record),
    (items) => sql`insert into api_keys (project_id, id, kind, key_hash, key_prefix, created_at)
      select ${p}, r.v->>'id', r.v->>'kind', r.v->>'keyHash', r.v->>'prefix', (r.v->>'createdAt')::timestamptz
      from ${jsonRows(items)} order by r.n
      on conflict (project_id, id) do nothing`,
  );

  // Progress keyed `user\nflow` (flowProgressKey): deleted by the pair each record names.
  const removed = flowProgress.deleted.map((key) => {
    const [userId, flowId] = key.split('\n');
    return { userId, flowId };
  });
  each(
    out,
    removed,
    (items) => sql`delete from flow_progress t using ${jsonRows(items)}
      where t.project_id = ${p} and t.user_id = r.v->>'userId' and t.flow_id = r.v->>'flowId'`,
  );
  each(
    out,
    flows.deleted,
    (ids) => sql`delete from flows where project_id = ${p} and id = any(${textList(ids)})`,
  );
  each(
    out,
    flows.upserted.map(([id, data]) => ({ id, data })),
    (items) => sql`insert into flows (project_id, id, data)
      select ${p}, r.v->>'id', r.v->'data' from ${jsonRows(items)} order by r.n
      on conflict (project_id, id) do update set data = excluded.data`,
  );
  each(
    out,
    flowProgress.upserted.map(([, data]) => data),
    (items) => sql`insert into flow_progress (project_id, user_id, flow_id, data)
      select ${p}, r.v->>'userId', r.v->>'flowId', r.v from ${jsonRows(items)} order by r.n
      on conflict (project_id, user_id, flow_id) do update set data = excluded.data`,
  );
}
