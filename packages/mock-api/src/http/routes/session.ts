import { HttpResponse, http } from 'msw';
import { GroupsEngineError } from '../../engine/errors';
import { expectObject, rejectUnknown } from '../../engine/validate';
import { pathUserId, queryUserId, type RouteContext } from '../context';

/** What the provider reads for an end user: session, account group, memberships, ordered changes. */
export function sessionRoutes({ base, route, userRoute, readJson, engine }: RouteContext) {
  return [
    http.get(
      `${base}/session`,
      userRoute(queryUserId, ({ url, userId }) =>
        HttpResponse.json(engine.getSession(userId, url.searchParams.get('groupId') ?? undefined)),
      ),
    ),
    http.get(
      `${base}/groups/:groupId`,
      route(({ params }) => HttpResponse.json(engine.getAccountGroup(params.groupId as string))),
    ),
    http.get(
      `${base}/users/:userId/memberships`,
      userRoute(pathUserId, ({ userId }) =>
        HttpResponse.json({ data: engine.listMemberships(userId) }),
      ),
    ),
    http.post(
      `${base}/users/:userId/membership-changes`,
      userRoute(pathUserId, async ({ request, scope, apiKey, userId }) => {
        const body = expectObject(await readJson(request), 'body');
        rejectUnknown(body, ['changes', 'dryRun']);
        if (body.dryRun !== undefined && typeof body.dryRun !== 'boolean') {
          throw new GroupsEngineError('validation_failed', 'dryRun: must be true or false.', {
            field: 'dryRun',
          });
        }
        const apply = () =>
          engine.changeMemberships({
            userId,
            changes: body.changes,
            dryRun: body.dryRun === true,
            actor: scope === 'secret' ? 'admin' : 'user',
          });
        // A dry run changes nothing, so it is never stored under an idempotency key.
        if (body.dryRun === true) return HttpResponse.json(apply());
        const { response, replayed } = engine.idempotent(
          { apiKey, userId, key: request.headers.get('idempotency-key'), body },
          apply,
        );
        return HttpResponse.json(response, {
          headers: replayed ? { 'idempotent-replayed': 'true' } : {},
        });
      }),
    ),
  ];
}
