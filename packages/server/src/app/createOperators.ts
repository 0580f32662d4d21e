import type { Operator } from '@groupkit/client';
import {
  engineOverState,
  GroupsEngineError,
  type PasswordHasher,
  parseNewOperator,
} from '@groupkit/mock-api/core';
import { sql } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Database, Tx } from '../db/connect';
import { persistState } from '../state/persistState';
import { createRequestState, type ProjectRow } from '../state/requestState';
import { isoOf } from '../state/operatorsSql';
import { rows } from '../state/sqlRows';
import { findProject, firstProjects } from './operatorAuth';
import { scryptPasswords } from './passwords';

/** Who the audit log names for what the command line does. */
export const CLI_ACTOR = { type: 'cli' } as const;

export interface NewOperatorInput {
  email: string;
  role: string;
  /** Chosen by the caller (12 to 200 characters); without one a password is generated. */
  password?: string;
  /** The project's id. @default the database's only project */
  project?: string;
}

/**
 * The project named, or the database's only one. Several and none named: 400-style
 * `GroupsEngineError` (the caller must say more); none at all or an unknown one: TypeError.
 */
async function chooseProject(tx: Pick<Tx, 'execute'>, named: string | undefined) {
  let project: ProjectRow | null = null;
  if (named === undefined) {
    const ids = await firstProjects(tx);
    if (ids.length > 1) {
      throw new GroupsEngineError(
        'validation_failed',
        'The database holds several projects: name one with --project <id>.',
        { field: 'project' },
      );
    }
    if (ids[0] !== undefined) project = await findProject(tx, ids[0]);
    if (!project) {
      throw new TypeError(
        'The database holds no project yet: create one with `groupkit-server keys create --project <id>`.',
      );
    }
    return project;
  }
  project = named.includes('\u0000') ? null : await findProject(tx, named);
  if (!project) {
    throw new TypeError(`No project "${named}" in this database.`);
  }
  return project;
}

/**
 * Adds a dashboard operator to a project, by the engine's own rules (a valid email, a role,
 * a password of 12 to 200 characters, no second operator with the email: 409 `email_taken`),
 * in one transaction. The password is hashed here (scrypt); a generated one is returned:
 * the only time it exists in clear.
 * @example
 * const { operator, password } = await createOperatorAccount(database, {
 *   email: 'ops@example.com',
 *   role: 'owner',
 * });
 */
export async function createOperatorAccount(
  database: Database,
  input: NewOperatorInput,
  {
    passwords = scryptPasswords(),
    now = () => new Date(),
  }: { passwords?: PasswordHasher; now?: () => Date } = {},
): Promise<{ operator: Operator; projectId: string; password: string | undefined }> {
  const parsed = parseNewOperator(input);
  const password = parsed.password ?? randomBytes(18).toString('base64url');
  const passwordHash = await passwords.hash(password);
  return database.transaction(async (tx, atCommit) => {
    const project = await chooseProject(tx, input.project);
    const requestState = await createRequestState(
      tx,
      { ...project, keyHash: null, scope: 'secret', keyId: '' },
      { now, ids: randomUUID },
      { writes: true, inTransaction: true },
    );
    await requestState.load({ operators: true, serializeOn: [`operator-email:${parsed.email}`] });
    const engine = engineOverState(requestState.state);
    const operator = engine.createOperator({
      email: parsed.email,
      role: parsed.role,
      passwordHash,
    });
    // In the same transaction: the operator and its entry land together or not at all. The
    // request is what the command was given (a chosen password redacted, as the API's are).
    engine.appendAudit({
      actor: CLI_ACTOR,
      action: 'groupkit-server admins create',
      target: { type: 'operator', id: operator.id },
      request: {
        email: input.email,
        role: input.role,
        ...(input.project === undefined ? {} : { project: input.project }),
        ...(parsed.password === undefined ? {} : { password: parsed.password }),
      },
      before: null,
      after: { operator },
    });
    persistState(atCommit, project.id, requestState.changes());
    return {
      operator,
      projectId: project.id,
      password: parsed.password === undefined ? password : undefined,
    };
  });
}

/** Every operator (of one project, or of all), by project, then in creation order. */
export async function listOperatorAccounts(
  database: Database,
  project?: string,
): Promise<(Operator & { projectId: string })[]> {
  const where = project === undefined ? sql`true` : sql`o.project_id = ${project}`;
  const found = await database.transaction((tx) =>
    rows<{
      project_id: string;
      id: string;
      email: string;
      role: Operator['role'];
      created_at: string;
      last_sign_in_at: string | null;
    }>(
      tx,
      sql`select o.project_id, o.id, o.email, o.role, ${isoOf(sql`o.created_at`)} as created_at,
          ${isoOf(sql`o.last_sign_in_at`)} as last_sign_in_at
        from operators o where ${where} order by o.project_id, o.seq`,
    ),
  );
  return found.map((row) => ({
    projectId: row.project_id,
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  }));
}
