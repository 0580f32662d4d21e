import { GroupsEngineError } from '../../engine/errors';
import { idempotencySlot } from '../../engine/memberships';
import { expectObject, rejectUnknown } from '../../engine/validate';
import { jsonResponse } from '../respond';
import type { ApiRoute } from '../routeTypes';
import { pathUserId, queryUserId } from '../runRoute';

/** What the provider reads for an end user: session, account group, memberships, ordered changes. */
export const sessionRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/session',
    access: 'any',
    userIdOf: queryUserId,
    async handle({ url, userId, engine, load }) {
      const groupId = url.searchParams.get('groupId') ?? undefined;
      await load({ users: [userId], accountGroups: groupId ? [groupId] : [] });
      return jsonResponse(engine.getSession(userId, groupId));
    },
  },
  {
    method: 'GET',
    path: '/groups/:groupId',
    access: 'any',
    async handle({ params, engine, load }) {
      await load({ accountGroups: [params.groupId as string] });
      return jsonResponse(engine.getAccountGroup(params.groupId as string));
    },
  },
  {
    method: 'GET',
    path: '/users/:userId/memberships',
    access: 'any',
    role: 'support',
    userIdOf: pathUserId,
    async handle({ userId, engine, load }) {
      await load({ users: [userId] });
      return jsonResponse({ data: engine.listMemberships(userId) });
    },
  },
  {
    method: 'POST',
    path: '/users/:userId/membership-changes',
    access: 'any',
    userIdOf: pathUserId,
    async handle({ request, scope, caller, userId, engine, load, readJson }) {
      const body = expectObject(await readJson(), 'body');
      rejectUnknown(body, ['changes', 'dryRun']);
      if (body.dryRun !== undefined && typeof body.dryRun !== 'boolean') {
        throw new GroupsEngineError('validation_failed', 'dryRun: must be true or false.', {
          field: 'dryRun',
        });
      }
      const key = request.headers.get('idempotency-key');
      await load({
        users: [userId],
        automations: true,
        idempotency: key ? [idempotencySlot({ apiKey: caller, userId, key })] : [],
        serializeOn: [`user:${userId}`],
      });
      const apply = () =>
        engine.changeMemberships({
          userId,
          changes: body.changes,
          dryRun: body.dryRun === true,
          actor: scope === 'secret' ? 'admin' : 'user',
        });
      // A dry run changes nothing, so it is never stored under an idempotency key.
      if (body.dryRun === true) return jsonResponse(apply());
      const { response, replayed } = engine.idempotent(
        { apiKey: caller, userId, key, body },
        apply,
      );
      return jsonResponse(response, {
        headers: replayed ? { 'idempotent-replayed': 'true' } : {},
      });
    },
  },
];
