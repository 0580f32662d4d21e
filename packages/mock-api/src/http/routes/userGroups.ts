import { HttpResponse, http } from 'msw';
import type { RouteContext } from '../context';

/** User groups: the directory (publishable) and their administration (secret). */
export function userGroupRoutes({ base, route, engine }: RouteContext) {
  return [
    http.get(
      `${base}/user-groups`,
      route(({ url }) => {
        const data = engine.listViewableUserGroups({
          includeScheduled: url.searchParams.get('include') === 'scheduled',
        });
        return HttpResponse.json({ data, page: 1, pageSize: data.length, total: data.length });
      }),
    ),
  ];
}
