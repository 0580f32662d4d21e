import { GroupsEngineError } from './errors';
import { parseRuleSet, type RuleSetDraft } from './rulesets';
import type { EngineState } from './state';
import type { JoinType, UserGroupRecord, UserGroupType } from './types';
import {
  expectBoolean,
  expectDateOrNull,
  expectInteger,
  expectObject,
  expectOneOf,
  expectString,
  rejectUnknown,
} from './validate';

/** What an admin sets on a user group: the record without server-owned fields, rule set not yet given ids. */
export interface UserGroupFields {
  slug: string;
  name: string;
  description: string;
  type: UserGroupType;
  joinType: JoinType;
  userViewable: boolean;
  allowLeave: boolean;
  startsAt: string | null;
  stopsAt: string | null;
  order: number;
  ruleset: RuleSetDraft | null;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TYPES = ['manual', 'automatic'] as const satisfies readonly UserGroupType[];
const EDITABLE = [
  'slug',
  'name',
  'description',
  'joinType',
  'userViewable',
  'allowLeave',
  'startsAt',
  'stopsAt',
  'order',
  'ruleset',
] as const;
/** `order` is a position in a list: plenty of room either side of 0, and never a float. */
const ORDER_LIMIT = 1_000_000;

function invalid(field: string, message: string): never {
  throw new GroupsEngineError('validation_failed', `${field}: ${message}`, { field });
}

function parseSlug(value: unknown): string {
  const slug = expectString(value, 'slug', { max: 63 });
  if (!SLUG.test(slug)) {
    invalid('slug', 'use lower-case letters, digits and "-", starting with a letter or digit.');
  }
  // Groups are addressed by uuid or slug; a uuid-shaped slug could hide another group.
  if (UUID_SHAPE.test(slug)) invalid('slug', 'must not look like a uuid.');
  return slug;
}

function parseName(value: unknown): string {
  const name = expectString(value, 'name', { max: 200 });
  if (name.trim() === '') invalid('name', 'must not be blank.');
  return name;
}

function parseJoinType(value: unknown): JoinType {
  if (value === null) return null;
  if (value !== 'open' && value !== 'code') {
    invalid('joinType', 'must be "open", "code", or null (only admins add members).');
  }
  return value;
}

/** Parses the editable fields present in `body`; absent ones stay absent. */
function parseEditable(body: Record<string, unknown>): Partial<UserGroupFields> {
  const fields: Partial<UserGroupFields> = {};
  if (body.slug !== undefined) fields.slug = parseSlug(body.slug);
  if (body.name !== undefined) fields.name = parseName(body.name);
  if (body.description !== undefined) {
    fields.description = expectString(body.description, 'description', { min: 0, max: 2000 });
  }
  if (body.joinType !== undefined) fields.joinType = parseJoinType(body.joinType);
  if (body.userViewable !== undefined) {
    fields.userViewable = expectBoolean(body.userViewable, 'userViewable');
  }
  if (body.allowLeave !== undefined) {
    fields.allowLeave = expectBoolean(body.allowLeave, 'allowLeave');
  }
  if (body.startsAt !== undefined) fields.startsAt = expectDateOrNull(body.startsAt, 'startsAt');
  if (body.stopsAt !== undefined) fields.stopsAt = expectDateOrNull(body.stopsAt, 'stopsAt');
  if (body.order !== undefined) {
    fields.order = expectInteger(body.order, 'order', { min: -ORDER_LIMIT, max: ORDER_LIMIT });
  }
  if (body.ruleset !== undefined) {
    fields.ruleset = body.ruleset === null ? null : parseRuleSet(body.ruleset, 'ruleset');
  }
  return fields;
}

/** The rules between fields, checked on the merged result so a partial update cannot break them. */
function checkConsistent(fields: UserGroupFields) {
  if (fields.type === 'automatic') {
    if (fields.ruleset === null) {
      invalid('ruleset', 'an automatic group needs a rule set: its members come from it.');
    }
    if (fields.joinType !== null) {
      invalid('joinType', 'must be null for an automatic group: users cannot join it themselves.');
    }
  } else if (fields.ruleset !== null) {
    invalid('ruleset', 'a manual group has no rule set; create an automatic group instead.');
  }
  if (
    fields.startsAt !== null &&
    fields.stopsAt !== null &&
    Date.parse(fields.stopsAt) <= Date.parse(fields.startsAt)
  ) {
    invalid('stopsAt', `must be after startsAt (${fields.startsAt}).`);
  }
}

/** 409 `slug_taken` when another group has the slug. Checked last: a conflict only matters for valid input. */
function checkSlugFree(state: EngineState, slug: string, ownId: string | null) {
  const holder = state.slugs.get(slug);
  if (holder !== undefined && holder !== ownId) {
    throw new GroupsEngineError(
      'slug_taken',
      `slug: "${slug}" is taken by another user group; pick another.`,
      { field: 'slug', slug },
    );
  }
}

/**
 * What a new group is unless told otherwise: hidden, admin-only, always active, first in
 * order; once open to users, members may leave it.
 */
export const NEW_USER_GROUP_DEFAULTS = {
  description: '',
  joinType: null,
  userViewable: false,
  allowLeave: true,
  startsAt: null,
  stopsAt: null,
  order: 0,
  ruleset: null,
} as const satisfies Partial<UserGroupFields>;

/** Validates a `POST /v1/user-groups` body whole; changes nothing. */
export function parseNewUserGroup(state: EngineState, input: unknown): UserGroupFields {
  const body = expectObject(input, 'body');
  rejectUnknown(body, [...EDITABLE, 'type']);
  if (body.slug === undefined) invalid('slug', 'is required.');
  if (body.name === undefined) invalid('name', 'is required.');
  const type = body.type === undefined ? 'manual' : expectOneOf(body.type, 'type', TYPES);
  const fields: UserGroupFields = {
    ...NEW_USER_GROUP_DEFAULTS,
    ...parseEditable(body),
    slug: parseSlug(body.slug),
    name: parseName(body.name),
    type,
  };
  checkConsistent(fields);
  checkSlugFree(state, fields.slug, null);
  return fields;
}

/**
 * Validates a `PUT /v1/user-groups/{id}` body against the stored group and returns the
 * fields as they would be after it; changes nothing. `type` may be sent only unchanged.
 */
export function parseUserGroupChanges(
  state: EngineState,
  record: UserGroupRecord,
  input: unknown,
): UserGroupFields {
  const body = expectObject(input, 'body');
  rejectUnknown(body, [...EDITABLE, 'type']);
  if (body.type !== undefined && expectOneOf(body.type, 'type', TYPES) !== record.type) {
    invalid('type', `cannot change (this group is ${record.type}); create a new group instead.`);
  }
  const fields: UserGroupFields = {
    slug: record.slug,
    name: record.name,
    description: record.description,
    type: record.type,
    joinType: record.joinType,
    userViewable: record.userViewable,
    allowLeave: record.allowLeave !== false,
    startsAt: record.startsAt,
    stopsAt: record.stopsAt,
    order: record.order,
    ruleset: record.ruleset,
    ...parseEditable(body),
  };
  checkConsistent(fields);
  checkSlugFree(state, fields.slug, record.id);
  return fields;
}
