import { isGroupsEngineError } from '../../engine/errors';
import { type ListQuery, paginate } from '../../engine/listing';
import { parseMemberExportQuery } from '../../engine/memberExport';
import { parseMemberListQuery } from '../../engine/memberList';
import { expectOneOf, parsePaging } from '../../engine/validate';
import { groupRefs, type LoadSpec } from '../loadSpec';
import { csvResponse, jsonResponse } from '../respond';
import type { ApiRoute } from '../routeTypes';

/** The query string as a plain object: the engine checks the parameters it knows by name. */
const queryOf = (url: URL): Record<string, string> => Object.fromEntries(url.searchParams);

const groups = '/user-groups';

/** What `parse` makes of a query; undefined for one the engine refuses (which reads nothing). */
function parsedOrNone<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (isGroupsEngineError(error)) return undefined;
    throw error;
  }
}

/** The member page a list request reads, or none for a query the engine refuses. */
const memberPageOf = (id: string, query: ListQuery): LoadSpec['memberPage'] =>
  parsedOrNone(() => ({ group: groupRefs(id)[0] as string, query: parseMemberListQuery(query) }));

/** The `ruleset` of a body, as sent (the engine validates it). */
const rulesetOf = (body: unknown) => (body as { ruleset?: unknown } | null)?.ruleset;

/**
 * User groups: the directory (publishable) and their administration (secret). The lookup by
 * legacy id has its own root (`/legacy-user-groups/{legacyId}`): under `/user-groups/` it
 * would be ambiguous with `/user-groups/{id}/codes` and its siblings (`by-legacy-id/codes`
 * matches both). Writes that can repopulate a group or cascade (create, update, delete, members) load
 * every user: a rule set is evaluated against all of them.
 */
export const userGroupRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: groups,
    access: 'any',
    role: 'support',
    async handle({ url, scope, engine, load }) {
      await load({});
      // Checked for either key: a typo must not silently drop the scheduled groups.
      const include = url.searchParams.get('include') || undefined;
      if (include !== undefined) expectOneOf(include, 'include', ['scheduled'] as const);
      if (scope === 'secret') return jsonResponse(engine.listUserGroups(queryOf(url)));
      const paging = parsePaging(url.searchParams.get('page'), url.searchParams.get('page_size'));
      const directory = engine.listViewableUserGroups({
        includeScheduled: include === 'scheduled',
      });
      return jsonResponse(paginate(directory, paging));
    },
  },
  {
    method: 'POST',
    path: groups,
    access: 'secret',
    async handle({ engine, load, readJson, by }) {
      const body = await readJson();
      await load({ conditionsHistory: true, automations: true, rulesets: [rulesetOf(body)] });
      return jsonResponse(engine.createUserGroup(body, by), { status: 201 });
    },
  },
  {
    method: 'GET',
    path: '/legacy-user-groups/:legacyId',
    access: 'secret',
    async handle({ params, engine, load }) {
      await load({});
      return jsonResponse(engine.getUserGroupByLegacyId(params.legacyId as string));
    },
  },
  {
    method: 'GET',
    path: `${groups}/:id`,
    access: 'any',
    role: 'support',
    async handle({ params, scope, engine, load }) {
      await load({});
      const id = params.id as string;
      return jsonResponse(
        scope === 'secret' ? engine.getUserGroup(id) : engine.getViewableUserGroup(id),
      );
    },
  },
  {
    method: 'PUT',
    path: `${groups}/:id`,
    access: 'secret',
    async handle({ params, engine, load, readJson, by }) {
      const body = await readJson();
      await load({ conditionsHistory: true, automations: true, rulesets: [rulesetOf(body)] });
      return jsonResponse(engine.updateUserGroup(params.id as string, body, by));
    },
  },
  {
    method: 'DELETE',
    path: `${groups}/:id`,
    access: 'secret',
    async handle({ params, engine, load }) {
      await load({
        members: groupRefs(params.id as string),
        conditionsHistory: true,
        codes: true,
        automations: true,
      });
      engine.deleteUserGroup(params.id as string);
      return new Response(null, { status: 204 });
    },
  },
  {
    method: 'GET',
    path: `${groups}/:id/conditions-history`,
    access: 'secret',
    async handle({ params, engine, load }) {
      await load({ conditionsHistory: true });
      return jsonResponse({ data: engine.listConditionsHistory(params.id as string) });
    },
  },
  {
    method: 'GET',
    path: `${groups}/:id/legacy-id`,
    access: 'secret',
    async handle({ params, engine, load }) {
      await load({});
      return jsonResponse(engine.getUserGroupLegacyId(params.id as string));
    },
  },
  {
    method: 'GET',
    path: `${groups}/:id/users`,
    access: 'secret',
    role: 'support',
    async handle({ params, url, engine, load }) {
      const id = params.id as string;
      const query = queryOf(url);
      const page = memberPageOf(id, query);
      // A query the engine refuses reads no member: it answers 404 or 400 from the groups.
      await load(page ? { memberPage: page } : {});
      return jsonResponse(engine.listUserGroupMembers(id, query));
    },
  },
  {
    method: 'POST',
    path: `${groups}/:id/users`,
    access: 'secret',
    role: 'support',
    async handle({ params, engine, load, readJson }) {
      const body = await readJson();
      await load({ allUsers: true, automations: true });
      return jsonResponse(engine.addUserGroupMembers(params.id as string, body));
    },
  },
  {
    method: 'DELETE',
    path: `${groups}/:id/users`,
    access: 'secret',
    role: 'support',
    async handle({ params, engine, load, readJson }) {
      const body = await readJson();
      await load({ allUsers: true, automations: true });
      return jsonResponse(engine.removeUserGroupMembers(params.id as string, body));
    },
  },
  {
    method: 'GET',
    path: `${groups}/:id/export-users`,
    access: 'secret',
    async handle({ params, url, engine, load }) {
      const id = params.id as string;
      // A query the engine refuses loads nothing: it answers 400 before reading a member.
      const exportable = parsedOrNone(() => parseMemberExportQuery(queryOf(url)));
      await load(exportable ? { memberExport: groupRefs(id)[0] as string } : {});
      const { filename, csv } = engine.exportUserGroupMembers(params.id as string, queryOf(url));
      return csvResponse(filename, csv);
    },
  },
];
