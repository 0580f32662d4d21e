import { jsonResponse } from '../respond';
import type { ApiRoute } from '../routeTypes';

/** Secret-key automations: create, list, read, edit, delete, and the run log. */
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

  {
    method: 'GET',
    path: '/automations/:id',
    access: 'secret',
    async handle({ params, engine, load }) {
      await load({ automations: true });
      return jsonResponse(engine.getAutomation(params.id as string));
    },
  },
  {
    method: 'PATCH',
    path: '/automations/:id',
    access: 'secret',
    async handle({ params, engine, load, readJson }) {
      const body = await readJson();
      await load({ automations: true });
      return jsonResponse(engine.updateAutomation(params.id as string, body));
    },
  },
  {
    method: 'DELETE',
    path: '/automations/:id',
    access: 'secret',
    async handle({ params, engine, load }) {
      await load({ automations: true });
      engine.deleteAutomation(params.id as string);
      return new Response(null, { status: 204 });
    },
  },
];
