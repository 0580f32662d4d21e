import { jsonResponse } from '../respond';
import type { ApiRoute } from '../routeTypes';

/** Secret-key automations: create, list, and the run log. */
export const automationRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/automations/runs',
    access: 'secret',
    async handle({ url, engine, load }) {
      const userId = url.searchParams.get('userId') ?? undefined;
      await load({ automationRuns: true, users: userId === undefined ? [] : [userId] });
      return jsonResponse({ data: engine.listAutomationRuns(userId) });
    },
  },
  {
    method: 'GET',
    path: '/automations',
    access: 'secret',
    async handle({ engine, load }) {
      await load({ automations: true });
      return jsonResponse({ data: engine.listAutomations() });
    },
  },
  {
    method: 'POST',
    path: '/automations',
    access: 'secret',
    async handle({ engine, load, readJson }) {
      const body = await readJson();
      await load({ automations: true });
      return jsonResponse(engine.createAutomation(body), { status: 201 });
    },
  },
];
