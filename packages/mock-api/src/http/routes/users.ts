import { HttpResponse, http } from 'msw';
import { parseUpsertMode } from '../../engine/users';
import type { RouteContext } from '../context';

/**
 * Users (secret upsert/update) and account-group identify. Both need the secret key: they
 * create records and rewrite what rules and plans read, which a browser must never do.
 */
export function userRoutes({ base, admin, readJson, engine }: RouteContext) {
  return [
    // 200 both when created and when merged; `created` in the body tells them apart.
    http.post(
      `${base}/groups/identify`,
      admin(async ({ request }) =>
        HttpResponse.json(engine.identifyGroup(await readJson(request))),
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
