import { HttpResponse, http } from 'msw';
import { paginate } from '../../engine/listing';
import { expectOneOf, parsePaging } from '../../engine/validate';
import type { RouteContext } from '../context';

/** The query string as a plain object: the engine checks the parameters it knows by name. */
const queryOf = (url: URL): Record<string, string> => Object.fromEntries(url.searchParams);

/**
 * User groups: the directory (publishable) and their administration (secret). Static paths
 * (`by-legacy-id`) come before `/:id` ones, since MSW answers with the first match.
 */
export function userGroupRoutes({ base, route, admin, readJson, engine }: RouteContext) {
  const groups = `${base}/user-groups`;
  return [
    http.get(
      groups,
      route(({ url, scope }) => {
        // Checked for either key: a typo must not silently drop the scheduled groups.
        const include = url.searchParams.get('include') || undefined;
        if (include !== undefined) expectOneOf(include, 'include', ['scheduled'] as const);
        if (scope === 'secret') return HttpResponse.json(engine.listUserGroups(queryOf(url)));
        const paging = parsePaging(url.searchParams.get('page'), url.searchParams.get('page_size'));
        const directory = engine.listViewableUserGroups({
          includeScheduled: include === 'scheduled',
        });
        return HttpResponse.json(paginate(directory, paging));
      }),
    ),
    http.post(
      groups,
      admin(async ({ request }) =>
        HttpResponse.json(engine.createUserGroup(await readJson(request)), { status: 201 }),
      ),
    ),
    http.get(
      `${groups}/by-legacy-id/:legacyId`,
      admin(({ params }) =>
        HttpResponse.json(engine.getUserGroupByLegacyId(params.legacyId as string)),
      ),
    ),
    http.get(
      `${groups}/:id`,
      route(({ params, scope }) => {
        const id = params.id as string;
        return HttpResponse.json(
          scope === 'secret' ? engine.getUserGroup(id) : engine.getViewableUserGroup(id),
        );
      }),
    ),
    http.put(
      `${groups}/:id`,
      admin(async ({ request, params }) =>
        HttpResponse.json(engine.updateUserGroup(params.id as string, await readJson(request))),
      ),
    ),
    http.delete(
      `${groups}/:id`,
      admin(({ params }) => {
        engine.deleteUserGroup(params.id as string);
        return new HttpResponse(null, { status: 204 });
      }),
    ),
    http.get(
      `${groups}/:id/conditions-history`,
      admin(({ params }) =>
        HttpResponse.json({ data: engine.listConditionsHistory(params.id as string) }),
      ),
    ),
    http.get(
      `${groups}/:id/legacy-id`,
      admin(({ params }) => HttpResponse.json(engine.getUserGroupLegacyId(params.id as string))),
    ),
    http.get(
      `${groups}/:id/users`,
      admin(({ params, url }) =>
        HttpResponse.json(engine.listUserGroupMembers(params.id as string, queryOf(url))),
      ),
    ),
    http.post(
      `${groups}/:id/users`,
      admin(async ({ request, params }) =>
        HttpResponse.json(engine.addUserGroupMembers(params.id as string, await readJson(request))),
      ),
    ),
    http.delete(
      `${groups}/:id/users`,
      admin(async ({ request, params }) =>
        HttpResponse.json(
          engine.removeUserGroupMembers(params.id as string, await readJson(request)),
        ),
      ),
    ),
    http.get(
      `${groups}/:id/export-users`,
      admin(({ params, url }) => {
        const { filename, csv } = engine.exportUserGroupMembers(params.id as string, queryOf(url));
        return new HttpResponse(csv, {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="${filename}"`,
          },
        });
      }),
    ),
  ];
}
