import { normalizeCode } from '../../engine/codes';
import { expectObject, rejectUnknown } from '../../engine/validate';
import { jsonResponse } from '../respond';
import type { ApiRoute } from '../routeTypes';
import { pathUserId } from '../runRoute';

/** Code campaigns (secret) and redemption (for the user in the path). */
export const codeRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/user-groups/:idOrSlug/codes',
    access: 'secret',
    async handle({ params, engine, load, readJson }) {
      const body = await readJson();
      await load({ codes: true });
      return jsonResponse(
        { data: engine.createCodes(params.idOrSlug as string, body) },
        { status: 201 },
      );
    },
  },
  {
    method: 'GET',
    path: '/user-groups/:idOrSlug/codes',
    access: 'secret',
    async handle({ params, engine, load }) {
      await load({ codes: true });
      return jsonResponse({ data: engine.listCodes(params.idOrSlug as string) });
    },
  },
  {
    method: 'POST',
    path: '/users/:userId/redeem-code',
    access: 'any',
    userIdOf: pathUserId,
    async handle({ userId, engine, load, readJson }) {
      const body = expectObject(await readJson(), 'body');
      rejectUnknown(body, ['code', 'group']);
      const code = typeof body.code === 'string' ? normalizeCode(body.code) : '';
      await load({
        users: [userId],
        codes: true,
        automations: true,
        // Two users redeeming one single-use code queue on the code; one user's attempts on the user.
        serializeOn: [`user:${userId}`, `code:${code}`],
      });
      // The engine checks the types of `code` and `group` itself, after the user exists.
      return jsonResponse(
        engine.redeemCode({
          userId,
          code: body.code as string,
          group: body.group as string | undefined,
        }),
      );
    },
  },
];
