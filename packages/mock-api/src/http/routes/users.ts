import { HttpResponse, http } from 'msw';
import { parseUpsertMode } from '../../engine/users';
import type { RouteContext } from '../context';

/**
 * Users (secret upsert/update) and account-group identify. Upserting users needs the secret
 * key: it rewrites what rules read. Identify takes either key, as browser SDKs' `group()`
 * calls do: `useGroup().identify()` keeps an account group's properties current from the app.
 * Only the secret key creates account groups; a publishable key merges into existing ones.
 */
export function userRoutes({ base, admin, route, readJson, engine }: RouteContext) {
  return [
    // 200 both when created and when merged; `created` in the body tells them apart.
    http.post(
      `${base}/groups/identify`,
      route(async ({ request, scope }) =>
        HttpResponse.json(
          engine.identifyGroup(await readJson(request), { mayCreate: scope === 'secret' }),
        ),
      ),
    ),
    http.put(
      `${base}/users/:userId`,
      admin(async ({ request, params, url }) => {
        const mode = parseUpsertMode(url.searchParams.get('mode'));
        const result = engine.upsertUser(params.userId as string, await readJson(request), mode);
        return HttpResponse.json(result, { status: result.created ? 201 : 200 });
      }),
    ),
  ];
}
