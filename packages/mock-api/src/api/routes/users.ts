import { parseUpsertMode } from '../../engine/users';
import { jsonResponse } from '../respond';
import type { ApiRoute } from '../routeTypes';

/**
 * Users (secret upsert/update) and account-group identify. Upserting users needs the secret
 * key: it rewrites what rules read. Identify takes either key, as browser SDKs' `group()`
 * calls do: `useGroup().identify()` keeps an account group's properties current from the app.
 * Only the secret key creates account groups; a publishable key merges into existing ones.
 */
export const userRoutes: ApiRoute[] = [
  // 200 both when created and when merged; `created` in the body tells them apart.
  {
    method: 'POST',
    path: '/groups/identify',
    access: 'any',
    async handle({ scope, engine, load, readJson }) {
      const body = await readJson();
      const identifier = (body as { identifier?: unknown } | null)?.identifier;
      const id = typeof identifier === 'string' ? identifier : '';
      await load({ accountGroups: id ? [id] : [], serializeOn: [`account:${id}`] });
      return jsonResponse(engine.identifyGroup(body, { mayCreate: scope === 'secret' }));
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
      await load({ users: [userId], serializeOn: [`user:${userId}`] });
      const result = engine.upsertUser(userId, body, mode);
      return jsonResponse(result, { status: result.created ? 201 : 200 });
    },
  },
];
