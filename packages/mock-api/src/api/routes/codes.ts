import { CODE_PATTERN, normalizeCode } from '../../engine/codes';
import type { CodeView } from '../../engine/types';
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
      const group = params.idOrSlug as string;
      const data = engine.createCodes(group, body);
      // One window for the whole batch: its first code speaks for all.
      const warnings = engine.codeWindowWarnings(group, data[0] as CodeView);
      return jsonResponse({ data, warnings }, { status: 201 });
    },
  },
  {
    method: 'GET',
    path: '/user-groups/:idOrSlug/codes/:codeId',
    access: 'secret',
    async handle({ params, engine, load }) {
      await load({ codes: true });
      return jsonResponse(engine.getCode(params.idOrSlug as string, params.codeId as string));
    },
  },
  {
    method: 'PATCH',
    path: '/user-groups/:idOrSlug/codes/:codeId',
    access: 'secret',
    async handle({ params, engine, load, readJson }) {
      const body = await readJson();
      await load({ codes: true });
      return jsonResponse(
        engine.updateCode(params.idOrSlug as string, params.codeId as string, body),
      );
    },
  },
  {
    method: 'DELETE',
    path: '/user-groups/:idOrSlug/codes/:codeId',
    access: 'secret',
    async handle({ params, engine, load }) {
      await load({ codes: true });
      engine.deleteCode(params.idOrSlug as string, params.codeId as string);
      return new Response(null, { status: 204 });
    },
  },
  {
    method: 'GET',
    path: '/user-groups/:idOrSlug/codes/:codeId/redemptions',
    access: 'secret',
    async handle({ params, url, engine, load }) {
      await load({ codes: true });
      const query = {
        page: url.searchParams.get('page') ?? undefined,
        page_size: url.searchParams.get('page_size') ?? undefined,
      };
      return jsonResponse(
        engine.listRedemptions(params.idOrSlug as string, params.codeId as string, query),
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
        redemptionsOf: [userId],
        automations: true,
        // One user's attempts queue on the user; two users redeeming one capped code (single-use,
        // or a shared code with a limit) queue on the code. An uncapped code's redeemers do not.
        // A malformed code names no code (and may hold what SQL cannot carry, U+0000).
        serializeOn: [`user:${userId}`],
        serializeOnCappedCode: CODE_PATTERN.test(code) ? code : undefined,
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
