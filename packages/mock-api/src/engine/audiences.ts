import { passesAudience } from '@groupkit/client';
import { sortUsers, toAdminUser } from './adminUsers';
import { toCsv } from './csv';
import { paginate } from './listing';
import { requireUserGroup } from './lookup';
import type { EngineState } from './state';
import type { AdminUser, Page, UserRecord } from './types';
import { expectObject, expectStringArray, parsePaging, rejectUnknown } from './validate';

/** Most groups an audience may name on each side. */
const MAX_GROUPS = 50;

/** An audience as the API takes it: groups by slug (any case) or id, on either side. */
interface Audience {
  include: string[];
  exclude: string[];
}

/** Resolves every named group to its id: 404 `user_group_not_found` for one that is not there. */
function resolve(state: EngineState, audience: Audience) {
  return {
    include: audience.include.map((ref) => requireUserGroup(state, ref).id),
    exclude: audience.exclude.map((ref) => requireUserGroup(state, ref).id),
  };
}

/**
 * The users an audience reaches, in the admin user list's order: members of some `include`
 * group (everyone when it is empty) who are members of no `exclude` group — the rule a
 * `<GroupGate>` applies in a browser (`passesAudience`).
 */
function audienceUsers(state: EngineState, audience: Audience): UserRecord[] {
  const rule = resolve(state, audience);
  const users = [...state.users.values()].filter((user) =>
    passesAudience((groupId) => state.memberships.get(user.id, groupId) !== undefined, rule),
  );
  return sortUsers(users);
}

/**
 * `POST /v1/audiences/preview` `{include?, exclude?, page?, page_size?}` (secret key): how
 * many users a campaign to these groups reaches, and a page of them.
 */
export function previewAudience(state: EngineState, input: unknown): Page<AdminUser> {
  const body = expectObject(input, 'body');
  rejectUnknown(body, ['include', 'exclude', 'page', 'page_size']);
  const list = (field: 'include' | 'exclude') =>
    body[field] === undefined ? [] : expectStringArray(body[field], field, { max: MAX_GROUPS });
  const number = (value: unknown) =>
    typeof value === 'number' || typeof value === 'string' ? String(value) : value;
  const paging = parsePaging(
    number(body.page) as string | undefined,
    number(body.page_size) as string | undefined,
  );
  const page = paginate(
    audienceUsers(state, { include: list('include'), exclude: list('exclude') }),
    paging,
  );
  return { ...page, data: page.data.map(toAdminUser) };
}

/** `GET /v1/audiences/export` query: comma-separated groups. */
export interface AudienceExportQuery {
  include?: string;
  exclude?: string;
}

/** A comma-separated list of groups from a query string (blanks dropped), at most `MAX_GROUPS`. */
function groupList(value: string | undefined, field: string): string[] {
  const refs = (value ?? '')
    .split(',')
    .map((ref) => ref.trim())
    .filter(Boolean);
  return expectStringArray(refs, field, { max: MAX_GROUPS });
}

/**
 * `GET /v1/audiences/export?include=a,b&exclude=c` (secret key): the audience as CSV, with
 * the member export's columns and quoting (formula cells escaped), for a mailing tool.
 */
export function exportAudience(state: EngineState, query: AudienceExportQuery) {
  const users = audienceUsers(state, {
    include: groupList(query.include, 'include'),
    exclude: groupList(query.exclude, 'exclude'),
  });
  const header = ['userid', 'firstname', 'lastname', 'email'];
  const rows = users.map((user) => [user.username, user.firstname, user.lastname, user.email]);
  return { filename: 'audience.csv', csv: toCsv([header, ...rows]) };
}
