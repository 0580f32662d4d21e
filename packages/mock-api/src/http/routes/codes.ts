import { HttpResponse, http } from 'msw';
import { expectObject, rejectUnknown } from '../../engine/validate';
import { pathUserId, type RouteContext } from '../context';

/**
 * Code campaigns (secret) and redemption (publishable, for the user in the path). Listed
 * before the generic user-group routes, since MSW answers with the first handler that matches.
 */
export function codeRoutes({ base, admin, userRoute, readJson, engine }: RouteContext) {
  return [
    http.post(
      `${base}/user-groups/:idOrSlug/codes`,
      admin(async ({ request, params }) =>
        HttpResponse.json(
          { data: engine.createCodes(params.idOrSlug as string, await readJson(request)) },
          { status: 201 },
        ),
      ),
    ),
    http.get(
      `${base}/user-groups/:idOrSlug/codes`,
      admin(({ params }) =>
        HttpResponse.json({ data: engine.listCodes(params.idOrSlug as string) }),
      ),
    ),
    http.post(
      `${base}/users/:userId/redeem-code`,
      userRoute(pathUserId, async ({ request, userId }) => {
        const body = expectObject(await readJson(request), 'body');
        rejectUnknown(body, ['code', 'group']);
        // The engine checks the types of `code` and `group` itself, after the user exists.
        return HttpResponse.json(
          engine.redeemCode({
            userId,
            code: body.code as string,
            group: body.group as string | undefined,
          }),
        );
      }),
    ),
  ];
}
