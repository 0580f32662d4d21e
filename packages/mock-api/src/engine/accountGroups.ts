import { GroupsEngineError } from './errors';
import { checkClientWritable } from './project';
import { expectPropertyPatch, mergeProperties } from './properties';
import type { EngineState } from './state';
import type { AccountGroup } from './types';
import { expectObject, expectString, rejectUnknown } from './validate';

/** What an account-group identifier may look like: it travels in URLs and logs unescaped. */
export const GROUP_IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** The answer of `identify`: the group as stored now, and whether this call created it. */
export interface IdentifyGroupResult {
  group: AccountGroup;
  created: boolean;
}

export interface IdentifyGroupOptions {
  /**
   * The key the call came with. The secret key (a server) may create groups and write any
   * property; a publishable key (a browser) only updates an existing group, and only its
   * `clientWritableProperties` (403 `property_not_writable` for any other key), so a
   * browser can neither mint account groups nor rewrite their plan.
   * @default 'secret'
   */
  scope?: 'publishable' | 'secret';
}

/**
 * `POST /v1/groups/identify`: an upsert, as in Dopt and Userflow (see `IdentifyGroupOptions`
 * for what a publishable key may do):
 *
 * - a new identifier creates the group (`createdAt` = `updatedAt` = now);
 * - a known one merges `properties` (see `mergeProperties`: new keys added, existing ones
 *   overwritten, others kept, a top-level `null` removes its key) and moves `updatedAt`.
 *
 * The `name` property is the display name; without one the name is kept, or is the
 * identifier for a new group (or once `name` is removed). `properties` may be left out to
 * create or touch a group without changing its properties. Everything is checked before
 * the group is stored, so a refused call changes nothing.
 */
export function identifyGroup(
  state: EngineState,
  input: unknown,
  { scope = 'secret' }: IdentifyGroupOptions = {},
): IdentifyGroupResult {
  const body = expectObject(input, 'body');
  rejectUnknown(body, ['identifier', 'properties']);
  const identifier = expectString(body.identifier, 'identifier', {
    max: 255,
    pattern: GROUP_IDENTIFIER,
    hint: 'use letters, digits and . _ : -, starting with a letter or digit (e.g. "acme").',
  });
  const patch =
    body.properties === undefined ? {} : expectPropertyPatch(body.properties, 'properties');
  if (patch.name !== undefined && patch.name !== null) {
    expectString(patch.name, 'properties.name', { max: 255 });
  }
  const existing = state.accountGroups.get(identifier);
  if (!existing && scope === 'publishable') {
    // A browser key may keep its own account group current, never mint new ones.
    throw new GroupsEngineError(
      'group_not_found',
      `No account group "${identifier}": create account groups with the secret key (on your server); a publishable key only updates an existing group's properties.`,
      { identifier },
    );
  }
  if (scope === 'publishable') checkClientWritable(state, patch);
  const properties = mergeProperties(existing?.properties ?? {}, patch, 'properties');

  let name = identifier;
  if (typeof properties.name === 'string') name = properties.name;
  else if (existing && patch.name === undefined) name = existing.name;

  const now = state.now().toISOString();
  // A new object per write: a group handed out earlier keeps showing what it was then.
  const group: AccountGroup = {
    id: identifier,
    name,
    properties,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  state.accountGroups.set(identifier, group);
  return { group, created: existing === undefined };
}

/** An account group by its id (the provider's `groupId`); 404 `group_not_found` otherwise. */
export function getAccountGroup(state: EngineState, groupId: string): AccountGroup {
  const group = state.accountGroups.get(groupId);
  if (!group)
    throw new GroupsEngineError('group_not_found', `No account group "${groupId}".`, { groupId });
  return group;
}

/** Account groups (the provider's `groupId`): read, and upsert by `identify`. */
export function createAccountGroupsApi(state: EngineState) {
  return {
    /** `GET /v1/groups/{groupId}`. */
    getAccountGroup: (groupId: string): AccountGroup => getAccountGroup(state, groupId),

    /** `POST /v1/groups/identify`: create or merge an account group (see `identifyGroup`). */
    identifyGroup(input: unknown, options?: IdentifyGroupOptions): IdentifyGroupResult {
      return identifyGroup(state, input, options);
    },
  };
}
