import { GroupsEngineError } from './errors';
import { expectPropertyPatch, type PropertyPatch } from './properties';
import type { UserStatus } from './types';
import {
  expectBoolean,
  expectObject,
  expectOneOf,
  expectString,
  expectStringArray,
  optionalString,
  rejectUnknown,
} from './validate';

/**
 * The body of `PUT /v1/users/{userId}`, checked for shape only. Whether the listed groups
 * exist is the caller's next step (`userMemberships.ts`): shape first, so a typo is
 * reported as such rather than as a missing group.
 */

/** `upsert` creates a missing user; `update` answers 404 for one. */
export type UpsertMode = 'upsert' | 'update';
export const UPSERT_MODES = ['upsert', 'update'] as const satisfies readonly UpsertMode[];

/** What a new user's id may look like: ids travel in URLs and rule exports unescaped. */
export const USER_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$/;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USER_STATUSES = ['active', 'inactive', 'pending'] as const satisfies readonly UserStatus[];
const BODY_FIELDS = [
  'attributes',
  'firstname',
  'lastname',
  'email',
  'branchId',
  'status',
  'groups',
  'memberships',
  'prune_memberships',
] as const;

/** One group the user should be in, with the path to name in errors (`groups[2]`). */
export interface MembershipEntry {
  group: string;
  field: string;
  /** Replaces the membership's attributes; absent keeps what an existing membership has. */
  attributes?: PropertyPatch;
}

export interface UserPatch {
  firstname?: string;
  lastname?: string;
  email?: string;
  branchId?: string | null;
  status?: UserStatus;
  attributes?: PropertyPatch;
  /** From `groups` or `memberships`; absent when neither was sent. */
  memberships?: MembershipEntry[];
  prune: boolean;
}

/** `?mode=` as sent: absent means `upsert`; anything but the two modes is 400. */
export function parseUpsertMode(raw: string | null | undefined): UpsertMode {
  return raw === null || raw === undefined ? 'upsert' : expectOneOf(raw, 'mode', UPSERT_MODES);
}

function parseMembershipList(body: Record<string, unknown>): MembershipEntry[] | undefined {
  if (body.groups !== undefined && body.memberships !== undefined) {
    throw new GroupsEngineError(
      'validation_failed',
      'Send either "groups" (slugs or ids) or "memberships" (objects with attributes), not both.',
      { field: 'groups', fields: ['groups', 'memberships'] },
    );
  }
  if (body.groups !== undefined) {
    return expectStringArray(body.groups, 'groups').map((group, i) => ({
      group,
      field: `groups[${i}]`,
    }));
  }
  if (body.memberships === undefined) return undefined;
  if (!Array.isArray(body.memberships)) {
    throw new GroupsEngineError(
      'validation_failed',
      'memberships: must be an array of {"group": "<slug or id>", "attributes"?: {...}}.',
      { field: 'memberships' },
    );
  }
  if (body.memberships.length > 1000) {
    throw new GroupsEngineError('validation_failed', 'memberships: must have at most 1000 items.', {
      field: 'memberships',
    });
  }
  return body.memberships.map((raw: unknown, i) => {
    const field = `memberships[${i}]`;
    const entry = expectObject(raw, field);
    rejectUnknown(entry, ['group', 'attributes'], field);
    return {
      group: expectString(entry.group, `${field}.group`),
      field,
      attributes:
        entry.attributes === undefined
          ? undefined
          : expectPropertyPatch(entry.attributes, `${field}.attributes`),
    };
  });
}

/** Checks every field of the body; throws 400 naming the first bad one. */
export function parseUserPatch(input: unknown): UserPatch {
  const body = expectObject(input, 'body');
  rejectUnknown(body, BODY_FIELDS);
  const memberships = parseMembershipList(body);
  const prune =
    body.prune_memberships === undefined
      ? false
      : expectBoolean(body.prune_memberships, 'prune_memberships');
  if (prune && memberships === undefined) {
    throw new GroupsEngineError(
      'validation_failed',
      'prune_memberships: needs the list to keep; send "groups" or "memberships" with it (an empty list removes every manual membership).',
      { field: 'prune_memberships' },
    );
  }
  let branchId: string | null | undefined;
  if (body.branchId === null) branchId = null;
  else branchId = optionalString(body.branchId, 'branchId', { max: 64 });
  return {
    firstname: optionalString(body.firstname, 'firstname', { min: 0, max: 100 }),
    lastname: optionalString(body.lastname, 'lastname', { min: 0, max: 100 }),
    email: optionalString(body.email, 'email', {
      max: 254,
      pattern: EMAIL,
      hint: 'must be an email address such as "kim@example.com".',
    }),
    branchId,
    status:
      body.status === undefined ? undefined : expectOneOf(body.status, 'status', USER_STATUSES),
    attributes:
      body.attributes === undefined
        ? undefined
        : expectPropertyPatch(body.attributes, 'attributes'),
    memberships,
    prune,
  };
}

/**
 * Username and email for a new user who was not given one. The username is the id (unique
 * by construction, unlike a name); the email is the id when the id is an address, otherwise
 * a placeholder on the reserved example.com domain, as the seeds use.
 */
export function deriveIdentity(userId: string, email: string | undefined) {
  const fallback = `${userId.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}@example.com`;
  return { username: userId, email: email ?? (EMAIL.test(userId) ? userId : fallback) };
}
