import { parseKeyKind } from '../../engine/apiKeys';
import { auditLogCsv, parseAuditQuery } from '../../engine/auditLog';
import { GroupsEngineError } from '../../engine/errors';
import {
  parseEmail,
  parseNewOperator,
  parsePassword,
  parseRole,
  SESSION_TTL_MS,
} from '../../engine/operators';
import { expectObject, rejectUnknown } from '../../engine/validate';
import { clearedSessionCookie, csrfTokenFor, sessionCookie, withCookie } from '../operatorCookie';
import {
  DUMMY_PASSWORD_HASH,
  generateApiKey,
  generatePassword,
  generateToken,
  sha256Hex,
} from '../passwords';
import { csvResponse, jsonResponse } from '../respond';
import type { ApiContext, ApiRoute } from '../routeTypes';

function signedIn({ actor }: ApiContext) {
  if (actor.type !== 'operator') throw new Error('operator-session: no operator (access check)');
  return actor;
}

/**
 * Dashboard operators and project access: sign-in and sign-out (a session in an httpOnly cookie, CSRF token in
 * the answer), operators and API keys managed by owners, and the audit log every admin
 * write feeds.
 */
export const operatorRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/operator-session',
    access: 'public',
    audit: false,
    async handle({ request, engine, load, readJson, passwords }) {
      const body = await readJson();
      const input = expectObject(body, 'body');
      rejectUnknown(input, ['email', 'password', 'project']);
      const email = parseEmail(input.email);
      if (typeof input.password !== 'string') {
        throw new GroupsEngineError('validation_failed', 'password: must be a string.', {
          field: 'password',
        });
      }
      await load({
        operators: true,
        signInFailures: [email],
        serializeOn: [`operator-email:${email}`],
      });
      engine.refuseLockedSignIn(email);
      const operator = engine.findOperatorByEmail(email);
      // A stranger's sign-in checks a password too: timing does not tell who exists.
      const matches = await passwords.verify(
        operator?.passwordHash ?? DUMMY_PASSWORD_HASH,
        input.password,
      );
      if (!operator || !matches) return engine.failSignIn(email);
      const token = generateToken();
      const session = engine.startSession(operator.id, await sha256Hex(token));
      return withCookie(
        jsonResponse({ ...session, csrfToken: await csrfTokenFor(token) }, { status: 201 }),
        sessionCookie(request, token, SESSION_TTL_MS / 1000),
      );
    },
  },
  {
    method: 'GET',
    path: '/operator-session',
    access: 'operator',
    role: 'support',
    audit: false,
    handle(ctx) {
      const { operator, csrfToken, expiresAt } = signedIn(ctx);
      return jsonResponse({ operator, csrfToken, expiresAt });
    },
  },
  {
    method: 'DELETE',
    path: '/operator-session',
    access: 'operator',
    role: 'support',
    audit: false,
    async handle(ctx) {
      const { tokenHash } = signedIn(ctx);
      await ctx.load({ operatorSessions: [tokenHash] });
      ctx.engine.endSession(tokenHash);
      return withCookie(new Response(null, { status: 204 }), clearedSessionCookie(ctx.request));
    },
  },
  {
    method: 'GET',
    path: '/operators',
    access: 'secret',
    role: 'owner',
    async handle({ engine, load }) {
      await load({ operators: true });
      return jsonResponse({ data: engine.listOperators() });
    },
  },
  {
    method: 'POST',
    path: '/operators',
    access: 'secret',
    role: 'owner',
    async handle({ engine, load, readJson, passwords }) {
      const body = await readJson();
      rejectUnknown(expectObject(body, 'body'), ['email', 'role', 'password']);
      const input = parseNewOperator(body);
      const password = input.password ?? generatePassword();
      const passwordHash = await passwords.hash(password);
      await load({ operators: true, serializeOn: [`operator-email:${input.email}`] });
      const operator = engine.createOperator({ ...input, passwordHash });
      // A password the server made is shown this once; one the caller chose is not echoed.
      return jsonResponse(input.password ? { operator } : { operator, password }, {
        status: 201,
      });
    },
  },
  {
    method: 'PATCH',
    path: '/operators/:id',
    access: 'secret',
    role: 'owner',
    async handle({ params, engine, load, readJson, passwords }) {
      const body = await readJson();
      const input = expectObject(body, 'body');
      rejectUnknown(input, ['role', 'password']);
      const role = input.role === undefined ? undefined : parseRole(input.role);
      const password = parsePassword(input.password);
      const passwordHash = password === undefined ? undefined : await passwords.hash(password);
      await load({ operators: true });
      return jsonResponse(
        engine.updateOperator(params.id as string, {
          ...(role === undefined ? {} : { role }),
          ...(passwordHash === undefined ? {} : { passwordHash }),
        }),
      );
    },
  },
  {
    method: 'DELETE',
    path: '/operators/:id',
    access: 'secret',
    role: 'owner',
    async handle({ params, engine, load }) {
      await load({ operators: true });
      engine.deleteOperator(params.id as string);
      return new Response(null, { status: 204 });
    },
  },
  {
    method: 'GET',
    path: '/api-keys',
    access: 'secret',
    role: 'owner',
    async handle({ engine, load }) {
      await load({ apiKeys: true });
      return jsonResponse({ data: engine.listApiKeys() });
    },
  },
  {
    method: 'POST',
    path: '/api-keys',
    access: 'secret',
    role: 'owner',
    audit: { target: 'api_key', redact: ['value'] },
    async handle({ engine, load, readJson }) {
      const body = await readJson();
      rejectUnknown(expectObject(body, 'body'), ['kind']);
      const kind = parseKeyKind(body);
      const { id, value } = generateApiKey(kind);
      await load({ apiKeys: true });
      const key = engine.createApiKey({ kind, id, value, keyHash: await sha256Hex(value) });
      // The only time the key exists in clear (the audit log redacts `value`).
      return jsonResponse({ key, value }, { status: 201 });
    },
  },
  {
    method: 'DELETE',
    path: '/api-keys/:id',
    access: 'secret',
    role: 'owner',
    async handle({ params, engine, load }) {
      await load({ apiKeys: true });
      engine.deleteApiKey(params.id as string);
      return new Response(null, { status: 204 });
    },
  },
  {
    method: 'GET',
    path: '/audit-log',
    access: 'secret',
    role: 'admin',
    async handle({ url, engine, load }) {
      const format = url.searchParams.get('format');
      if (format !== null && format !== 'csv') {
        throw new GroupsEngineError(
          'validation_failed',
          'format: must be csv, or left out for JSON.',
          {
            field: 'format',
          },
        );
      }
      const query = parseAuditQuery(url.searchParams);
      await load({ auditLog: query });
      const page = engine.listAuditLog(query);
      if (format === 'csv') {
        return csvResponse('audit-log.csv', auditLogCsv(page));
      }
      return jsonResponse(page);
    },
  },
];
