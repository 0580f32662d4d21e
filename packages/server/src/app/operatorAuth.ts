/**
 * Requests without an API key: a signed-in operator (the `groupkit_session` cookie) and a
 * sign-in (no credentials at all). The cookie names no project: its token's hash finds the
 * session, its operator and their project in one statement.
 */
import { type Actor, csrfTokenFor, errorResponse } from '@groupkit/mock-api/core';
import type { Operator } from '@groupkit/client';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import type { ProjectRow, RequestOwner } from '../state/requestState';
import { isoOf } from '../state/operatorsSql';
import { rows } from '../state/sqlRows';

interface ProjectColumns {
  project_id: string;
  identity_verification: boolean;
  client_writable_properties: string[];
  identity_secret: string | null;
  next_legacy_id: number | string;
}

/** The project columns of `projects pr` (the array as JSON: drivers differ on text[]). */
const projectColumns = sql`pr.id as project_id, pr.identity_verification,
  to_json(pr.client_writable_properties) as client_writable_properties, pr.identity_secret,
  pr.next_legacy_id`;

const projectOf = (row: ProjectColumns): ProjectRow => ({
  id: row.project_id,
  identityVerification: row.identity_verification,
  clientWritableProperties: row.client_writable_properties,
  identitySecret: row.identity_secret ?? '',
  nextLegacyId: Number(row.next_legacy_id),
});

/** An operator's request: their project, and who they are as `runRoute` takes it. */
export interface OperatorCaller {
  owner: RequestOwner;
  actor: Extract<Actor, { type: 'operator' }>;
}

/**
 * The session of `tokenHash` if it can still sign someone in at `now` (not expired, its
 * operator not deleted), with the operator and their project; null otherwise.
 */
export async function findSession(
  tx: Pick<Tx, 'execute'>,
  tokenHash: string,
  now: Date,
): Promise<{ project: ProjectRow; operator: Operator; expiresAt: string } | null> {
  const [row] = await rows<
    ProjectColumns & {
      expires_at: string;
      id: string;
      email: string;
      role: Operator['role'];
      created_at: string;
      last_sign_in_at: string | null;
    }
  >(
    tx,
    sql`select ${isoOf(sql`s.expires_at`)} as expires_at, o.id, o.email, o.role,
        ${isoOf(sql`o.created_at`)} as created_at, ${isoOf(sql`o.last_sign_in_at`)} as last_sign_in_at,
        ${projectColumns}
      from operator_sessions s
      join operators o on o.project_id = s.project_id and o.id = s.operator_id
      join projects pr on pr.id = s.project_id
      where s.token_hash = ${tokenHash} and s.expires_at > ${now.toISOString()}::timestamptz`,
  );
  if (!row) return null;
  return {
    project: projectOf(row),
    operator: {
      id: row.id,
      email: row.email,
      role: row.role,
      createdAt: row.created_at,
      lastSignInAt: row.last_sign_in_at,
    },
    expiresAt: row.expires_at,
  };
}

/** The operator of a live session, as a request runs for them (`findSession`). */
export async function operatorCaller(
  tx: Pick<Tx, 'execute'>,
  token: string,
  tokenHash: string,
  now: Date,
): Promise<OperatorCaller | null> {
  const found = await findSession(tx, tokenHash, now);
  if (!found) return null;
  return {
    // An operator acts with the secret key's reach; their role limits them (runRoute).
    owner: {
      ...found.project,
      keyHash: null,
      scope: 'secret',
      keyId: '',
      session: { tokenHash, operatorId: found.operator.id, role: found.operator.role },
    },
    actor: {
      type: 'operator',
      operator: found.operator,
      tokenHash,
      csrfToken: await csrfTokenFor(token),
      expiresAt: found.expiresAt,
    },
  };
}

/** 401 for a cookie whose session is unknown, expired, or whose operator is gone. */
export const sessionEnded = () =>
  errorResponse('unauthorized', 'Your session has ended; sign in again.');

/** The project a request without credentials names, by id; null when there is none. */
export async function findProject(
  tx: Pick<Tx, 'execute'>,
  projectId: string,
): Promise<ProjectRow | null> {
  const [row] = await rows<ProjectColumns>(
    tx,
    sql`select ${projectColumns} from projects pr where pr.id = ${projectId}`,
  );
  return row ? projectOf(row) : null;
}

/** The ids of the first two projects: a sign-in naming none needs there to be one only. */
export async function firstProjects(tx: Pick<Tx, 'execute'>): Promise<string[]> {
  const found = await rows<{ id: string }>(tx, sql`select id from projects order by id limit 2`);
  return found.map((row) => row.id);
}
