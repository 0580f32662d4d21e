import { HttpResponse, http } from 'msw';
import { GroupsEngineError } from '../../engine/errors';
import { expectObject, rejectUnknown } from '../../engine/validate';
import type { RouteContext } from '../context';

/** What the provider reads for an end user: session, account group, memberships, ordered changes. */
export function sessionRoutes({ base, route, forUser, readJson, engine }: RouteContext) {
  return [
    http.get(
      `${base}/session`,
      route(async ({ request, url, scope }) => {
        const userId = url.searchParams.get('userId');
        if (!userId) {
          throw new GroupsEngineError('validation_failed', 'Pass the user as ?userId=...', {
            field: 'userId',
          });
        }
        const denied = await forUser(request, scope, userId);
        if (denied) return denied;
        return HttpResponse.json(
          engine.getSession(userId, url.searchParams.get('groupId') ?? undefined),
        );
      }),
    ),
    http.get(
      `${base}/groups/:groupId`,
      route(({ params }) => HttpResponse.json(engine.getAccountGroup(params.groupId as string))),
    ),
    http.get(
      `${base}/users/:userId/memberships`,
      route(async ({ request, params, scope }) => {
        const userId = params.userId as string;
        const denied = await forUser(request, scope, userId);
        if (denied) return denied;
        return HttpResponse.json({ data: engine.listMemberships(userId) });
      }),
    ),
    http.post(
      `${base}/users/:userId/membership-changes`,
      route(async ({ request, params, scope, apiKey }) => {
        const userId = params.userId as string;
        const denied = await forUser(request, scope, userId);
        if (denied) return denied;
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
