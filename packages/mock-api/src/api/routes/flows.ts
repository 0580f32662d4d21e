import { GroupsEngineError } from '../../engine/errors';
import { jsonResponse } from '../respond';
import type { ApiRoute } from '../routeTypes';
import { pathUserId } from '../runRoute';

const flowOf = (params: Record<string, string>) => params.flowId as string;

function versionOf(params: Record<string, string>): number {
  const version = Number(params.version);
  if (!Number.isInteger(version) || version < 1) {
    throw new GroupsEngineError('validation_failed', 'version: must be a positive integer.', {
      field: 'version',
    });
  }
  return version;
}

/**
 * Onboarding flows defined on the server (admin: drafts, numbered immutable versions,
 * retirement, funnels) and each user's progress through them (either key, for that user).
 */
export const flowRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/flows',
    access: 'secret',
    async handle({ engine, load }) {
      await load({ flows: true });
      return jsonResponse({ data: engine.listFlows() });
    },
  },
  {
    method: 'POST',
    path: '/flows',
    access: 'secret',
    async handle({ engine, load, readJson }) {
      const body = await readJson();
      await load({ flows: true, serializeOn: ['flows'] });
      return jsonResponse(engine.createFlow(body), { status: 201 });
    },
  },
  {
    method: 'GET',
    path: '/flows/:flowId',
    access: 'secret',
    async handle({ params, engine, load }) {
      await load({ flows: [flowOf(params)] });
      return jsonResponse(engine.getFlow(flowOf(params)));
    },
  },
  {
    method: 'PUT',
    path: '/flows/:flowId',
    access: 'secret',
    async handle({ params, engine, load, readJson }) {
      const body = await readJson();
      await load({ flows: [flowOf(params)], serializeOn: [`flow:${flowOf(params)}`] });
      return jsonResponse(engine.updateFlowDraft(flowOf(params), body));
    },
  },
  {
    method: 'DELETE',
    path: '/flows/:flowId',
    access: 'secret',
    async handle({ params, engine, load }) {
      await load({
        flows: [flowOf(params)],
        flowProgress: { flowId: flowOf(params) },
        serializeOn: [`flow:${flowOf(params)}`],
      });
      engine.deleteFlow(flowOf(params));
      return new Response(null, { status: 204 });
    },
  },
  {
    method: 'POST',
    path: '/flows/:flowId/versions',
    access: 'secret',
    async handle({ params, engine, load }) {
      await load({ flows: [flowOf(params)], serializeOn: [`flow:${flowOf(params)}`] });
      return jsonResponse(engine.publishFlow(flowOf(params)), { status: 201 });
    },
  },
  {
    method: 'POST',
    path: '/flows/:flowId/versions/:version/retire',
    access: 'secret',
    async handle({ params, engine, load }) {
      const version = versionOf(params);
      await load({ flows: [flowOf(params)], serializeOn: [`flow:${flowOf(params)}`] });
      return jsonResponse(engine.retireFlowVersion(flowOf(params), version));
    },
  },
  {
    method: 'GET',
    path: '/flows/:flowId/funnel',
    access: 'secret',
    async handle({ params, url, engine, load }) {
      await load({ flows: [flowOf(params)], flowProgress: { flowId: flowOf(params) } });
      return jsonResponse(engine.flowFunnel(flowOf(params), url.searchParams.get('version')));
    },
  },
  {
    method: 'GET',
    path: '/users/:userId/flows/:flowId',
    access: 'any',
    role: 'support',
    userIdOf: pathUserId,
    async handle({ params, url, engine, load, userId }) {
      await load({
        users: [userId],
        flows: [flowOf(params)],
        flowProgress: { flowId: flowOf(params), userIds: [userId] },
      });
      return jsonResponse(
        engine.getUserFlow(userId, flowOf(params), url.searchParams.get('version')),
      );
    },
  },
  {
    method: 'PUT',
    path: '/users/:userId/flows/:flowId',
    access: 'any',
    userIdOf: pathUserId,
    async handle({ params, engine, load, readJson, userId }) {
      const body = await readJson();
      await load({
        users: [userId],
        flows: [flowOf(params)],
        flowProgress: { flowId: flowOf(params), userIds: [userId] },
        serializeOn: [`user:${userId}`],
      });
      return jsonResponse(engine.putUserFlowProgress(userId, flowOf(params), body));
    },
  },
];
