import { parseUpsertMode } from '../../engine/users';
import { csvResponse, jsonResponse } from '../respond';
import type { ApiRoute } from '../routeTypes';

/**
 * Users (secret upsert/update) and account-group identify. Upserting users needs the secret
 * key: it rewrites what rules read. Identify takes either key, as browser SDKs' `group()`
 * calls do: `useGroup().identify()` keeps an account group's properties current from the app.
 * Only the secret key creates account groups or writes any property; a publishable key merges
 * the project's client-writable properties into existing ones (engine/project.ts).
 */
export const userRoutes: ApiRoute[] = [
  // 200 both when created and when merged; `created` in the body tells them apart.
  {
    method: 'POST',
    path: '/groups/identify',
    access: 'any',
    // The signed-in user writing (`?userId=`): with identity verification on, a publishable
    // key must prove them like any other browser write. Without a user it cannot, and is refused.
    userIdOf: ({ url }) => url.searchParams.get('userId') ?? '',
    async handle({ scope, engine, load, readJson }) {
      const body = await readJson();
      const identifier = (body as { identifier?: unknown } | null)?.identifier;
      const id = typeof identifier === 'string' ? identifier : '';
      await load({ accountGroups: id ? [id] : [], serializeOn: [`account:${id}`] });
      return jsonResponse(engine.identifyGroup(body, { scope }));
    },
  },
  {
    method: 'GET',
    path: '/users',
    access: 'secret',
    role: 'support',
    async handle({ url, engine, load }) {
      await load({ allUsers: true });
      return jsonResponse(engine.listUsers(Object.fromEntries(url.searchParams)));
    },
  },
  {
    method: 'GET',
    path: '/users/:userId',
    access: 'secret',
    role: 'support',
    async handle({ params, engine, load }) {
      const userId = params.userId as string;
      await load({ users: [userId] });
      return jsonResponse(engine.getUser(userId));
    },
  },
  {
    method: 'DELETE',
    path: '/users/:userId',
    access: 'secret',
    async handle({ params, engine, load }) {
      const userId = params.userId as string;
      await load({
        users: [userId],
        automations: true,
        flowProgress: { userIds: [userId] },
        serializeOn: [`user:${userId}`],
      });
      engine.deleteUser(userId);
      return new Response(null, { status: 204 });
    },
  },
  // Audiences: who a campaign to some groups (and not others) reaches.
  {
    method: 'POST',
    path: '/audiences/preview',
    access: 'secret',
    // A read sent as POST (the query is a body): nothing to audit.
    audit: false,
    async handle({ engine, load, readJson }) {
      const body = await readJson();
      await load({ allUsers: true });
      return jsonResponse(engine.previewAudience(body));
    },
  },
  {
    method: 'GET',
    path: '/audiences/export',
    access: 'secret',
    async handle({ url, engine, load }) {
      await load({ allUsers: true });
      const query = {
        include: url.searchParams.get('include') ?? undefined,
        exclude: url.searchParams.get('exclude') ?? undefined,
      };
      const { filename, csv } = engine.exportAudience(query);
      return csvResponse(filename, csv);
    },
  },
  {
    method: 'PUT',
    path: '/users/:userId',
    access: 'secret',
    async handle({ params, url, engine, load, readJson }) {
      const mode = parseUpsertMode(url.searchParams.get('mode'));
      const body = await readJson();
      const userId = params.userId as string;
      await load({ users: [userId], automations: true, serializeOn: [`user:${userId}`] });
      const result = engine.upsertUser(userId, body, mode);
      return jsonResponse(result, { status: result.created ? 201 : 200 });
    },
  },
];
