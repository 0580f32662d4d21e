import { HttpResponse, http } from 'msw';
import type { RouteContext } from '../context';

/** Secret-key automations: create, list, and the run log. */
export function automationRoutes({ base, admin, readJson, engine }: RouteContext) {
  return [
    http.get(
      `${base}/automations/runs`,
      admin(({ url }) =>
        HttpResponse.json({
          data: engine.listAutomationRuns(url.searchParams.get('userId') ?? undefined),
        }),
      ),
    ),
    http.get(
      `${base}/automations`,
      admin(() => HttpResponse.json({ data: engine.listAutomations() })),
    ),
    http.post(
      `${base}/automations`,
      admin(async ({ request }) =>
        HttpResponse.json(engine.createAutomation(await readJson(request)), { status: 201 }),
      ),
    ),
  ];
}
