import { type AttemptThrottle, recentAttempts, refuseWhileLocked } from './attemptThrottle';
import { type FiredAutomation, fireMembershipEvents } from './automations';
import { constantTimeEqual } from './constantTime';
import { GroupsEngineError } from './errors';
import { findUserGroup, requireUser, requireUserGroup, toMembership, toUserGroup } from './lookup';
import type { EngineState } from './state';
import { userGroupStatus } from './status';
import type { CodeRecord, Membership, UserGroup, UserGroupRecord } from './types';
import {
  expectDateOrNull,
  expectInteger,
  expectObject,
  expectOneOf,
  expectString,
  rejectUnknown,
} from './validate';

/** A code as the secret-key listing shows it: who redeemed it is never part of it. */
export interface CodeView {
  id: string;
  groupId: string;
  code: string;
  mode: CodeRecord['mode'];
  maxRedemptions: number | null;
  redemptionCount: number;
  startsAt: string | null;
  stopsAt: string | null;
  status: 'scheduled' | 'active' | 'expired' | 'used_up' | 'revoked';
  /** `false` once revoked: redeeming it answers 410 `code_revoked`. */
  active: boolean;
  createdAt: string;
}

export interface RedeemCodeInput {
  userId: string;
  /** As the user typed it: surrounding spaces and case do not matter. */
  code: string;
  /** Slug or id: refuse a code that belongs to any other group. */
  group?: string;
}

export interface RedeemCodeResult {
  result: 'added' | 'unchanged';
  group: UserGroup;
  membership: Membership;
  automations: FiredAutomation[];
}

/** What a code must look like once trimmed and upper-cased. */
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{3,63}$/;
const PREFIX_PATTERN = /^[A-Z0-9-]{0,20}$/;
/** 32 symbols with no 0/O or 1/I, so a code read aloud or off paper is typed right. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const GENERATED_LENGTH = 10;
const MAX_UNIQUE_COUNT = 1000;

/** Failures allowed inside the window before redemption locks. */
export const REDEEM_MAX_FAILURES = 5;
export const REDEEM_FAILURE_WINDOW_MS = 10 * 60 * 1000;

const REDEEM_THROTTLE: AttemptThrottle = {
  max: REDEEM_MAX_FAILURES,
  windowMs: REDEEM_FAILURE_WINDOW_MS,
  message: (retryAt) => `Too many wrong codes; try again at ${retryAt}.`,
};

/** Trim and upper-case: how a code is stored and compared, so "beta-2026 " redeems "BETA-2026". */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/** FNV-1a over the text, with a salt so one text yields several independent words. */
function hash32(text: string, salt: number): number {
  let h = (0x811c9dc5 ^ Math.imul(salt, 0x9e3779b9)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A small 128-bit-state PRNG (sfc32) seeded from text. Seeding it from the engine's id
 * generator keeps generated codes reproducible in tests, while they still look random to
 * someone who does not know the seed; Math.random would make every test run differ.
 */
function createStream(seed: string): () => number {
  let a = hash32(seed, 1);
  let b = hash32(seed, 2);
  let c = hash32(seed, 3);
  let d = hash32(seed, 4);
  const next = () => {
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The first outputs still echo the (related) seed words; discard them.
  for (let i = 0; i < 16; i++) next();
  return next;
}

/** `count` codes `prefix` + 10 symbols, distinct from each other and from every stored code. */
function generateCodes(state: EngineState, prefix: string, count: number): string[] {
  const next = createStream(state.ids());
  const fresh = new Set<string>();
  // 32^10 candidates make a clash rare; the cap only turns a broken generator into an error.
  for (let attempt = 0; fresh.size < count; attempt++) {
    if (attempt > count * 100) {
      throw new Error(`Could not generate ${count} distinct codes; the code generator is broken.`);
    }
    let candidate = prefix;
    // 32 divides 2^32, so the modulo picks every symbol equally often.
    for (let i = 0; i < GENERATED_LENGTH; i++)
      candidate += ALPHABET.charAt(next() % ALPHABET.length);
    if (!state.codes.has(candidate)) fresh.add(candidate);
  }
  return [...fresh];
}

function codeStatus(record: CodeRecord, now: Date): CodeView['status'] {
  if (record.active === false) return 'revoked';
  const t = now.getTime();
  if (record.startsAt !== null && t < Date.parse(record.startsAt)) return 'scheduled';
  if (record.stopsAt !== null && t >= Date.parse(record.stopsAt)) return 'expired';
  if (record.maxRedemptions !== null && record.redemptions.length >= record.maxRedemptions) {
    return 'used_up';
  }
  return 'active';
}

export function toCodeView(record: CodeRecord, now: Date): CodeView {
  return {
    id: record.id,
    groupId: record.groupId,
    code: record.code,
    mode: record.mode,
    maxRedemptions: record.maxRedemptions,
    redemptionCount: record.redemptions.length,
    startsAt: record.startsAt,
    stopsAt: record.stopsAt,
    status: codeStatus(record, now),
    active: record.active !== false,
    createdAt: record.createdAt,
  };
}

/** `startsAt`/`stopsAt`: both optional (null), and a window must not end before it starts. */
export function parseWindow(body: Record<string, unknown>) {
  const startsAt = body.startsAt === undefined ? null : expectDateOrNull(body.startsAt, 'startsAt');
  const stopsAt = body.stopsAt === undefined ? null : expectDateOrNull(body.stopsAt, 'stopsAt');
  if (startsAt !== null && stopsAt !== null && Date.parse(stopsAt) <= Date.parse(startsAt)) {
    throw new GroupsEngineError(
      'validation_failed',
      `stopsAt: must be after startsAt (${startsAt}); got ${stopsAt}.`,
      { field: 'stopsAt' },
    );
  }
  return { startsAt, stopsAt };
}

/** The codes (display form, normalised form, cap) a valid body asks for. */
function plannedCodes(state: EngineState, body: Record<string, unknown>) {
  const mode = expectOneOf(body.mode, 'mode', ['shared', 'unique'] as const);
  if (mode === 'shared') {
    rejectUnknown(body, ['mode', 'code', 'maxRedemptions', 'startsAt', 'stopsAt']);
    const maxRedemptions =
      body.maxRedemptions === undefined || body.maxRedemptions === null
        ? null
        : expectInteger(body.maxRedemptions, 'maxRedemptions', { min: 1 });
    const window = parseWindow(body);
    if (body.code === undefined) {
      const [code] = generateCodes(state, '', 1) as [string];
      return { mode, window, codes: [{ code, normalized: code, maxRedemptions }] };
    }
    // Any string (NUL included) reaches the pattern check, so every badly shaped code gets
    // the same answer.
    const code = (
      typeof body.code === 'string' ? body.code : expectString(body.code, 'code')
    ).trim();
    const normalized = normalizeCode(code);
    if (!CODE_PATTERN.test(normalized)) {
      throw new GroupsEngineError(
        'code_malformed',
        'code: use 4 to 64 letters, digits and hyphens, starting with a letter or digit (e.g. "SUMMER-2026"), or leave it out to have one generated.',
        { field: 'code' },
      );
    }
    if (state.codes.has(normalized)) {
      throw new GroupsEngineError(
        'code_taken',
        `code: "${normalized}" already exists (codes ignore case); choose another.`,
        { field: 'code', code: normalized },
      );
    }
    return { mode, window, codes: [{ code, normalized, maxRedemptions }] };
  }

  rejectUnknown(body, ['mode', 'count', 'prefix', 'startsAt', 'stopsAt']);
  const count = expectInteger(body.count, 'count', { min: 1, max: MAX_UNIQUE_COUNT });
  const prefix =
    body.prefix === undefined ? '' : normalizeCode(expectString(body.prefix, 'prefix', { min: 0 }));
  // A leading hyphen would make every generated code fail CODE_PATTERN, so none could be redeemed.
  if (!PREFIX_PATTERN.test(prefix) || prefix.startsWith('-')) {
    throw new GroupsEngineError(
      'validation_failed',
      'prefix: use up to 20 letters, digits and hyphens, not starting with a hyphen (e.g. "VIP-").',
      { field: 'prefix' },
    );
  }
  const window = parseWindow(body);
  const codes = generateCodes(state, prefix, count).map((code) => ({
    code,
    normalized: code,
    maxRedemptions: 1,
  }));
  return { mode, window, codes };
}

/**
 * `POST /v1/user-groups/{idOrSlug}/codes`: one shared code (optionally capped) or `count`
 * single-use codes. Everything is checked before anything is stored, so a refused request
 * leaves no codes behind.
 */
export function createCodes(state: EngineState, groupIdOrSlug: string, input: unknown): CodeView[] {
  const group = requireUserGroup(state, groupIdOrSlug);
  if (group.joinType !== 'code') {
    throw new GroupsEngineError(
      'group_not_joinable',
      `"${group.slug}" is ${group.type === 'automatic' ? 'automatic (its members come from its rule set)' : `joined ${group.joinType === 'open' ? 'with a toggle' : 'only through an admin'}`}, so a code could never be redeemed for it. Set its joinType to "code" first.`,
      { group: group.slug, joinType: group.joinType },
    );
  }
  if (!group.userViewable) {
    throw new GroupsEngineError(
      'group_not_viewable',
      `"${group.slug}" is hidden from end users, so a code could not show them the group it joins them to. Make it userViewable first.`,
      { group: group.slug },
    );
  }
  const body = expectObject(input, 'body');
  const { mode, window, codes } = plannedCodes(state, body);
  const now = state.now();
  const createdAt = now.toISOString();
  const records: CodeRecord[] = codes.map((c) => ({
    id: state.ids(),
    groupId: group.id,
    code: c.code,
    normalized: c.normalized,
    mode,
    maxRedemptions: c.maxRedemptions,
    redemptions: [],
    startsAt: window.startsAt,
    stopsAt: window.stopsAt,
    createdAt,
  }));
  for (const record of records) state.codes.set(record.normalized, record);
  return records.map((record) => toCodeView(record, now));
}

/** `GET /v1/user-groups/{idOrSlug}/codes`: the group's codes in creation order. */
export function listCodes(state: EngineState, groupIdOrSlug: string): CodeView[] {
  const group = requireUserGroup(state, groupIdOrSlug);
  const now = state.now();
  return [...state.codes.values()]
    .filter((record) => record.groupId === group.id)
    .map((record) => toCodeView(record, now));
}

/** Counts a failed attempt and throws the error it earned. */
function failAttempt(
  state: EngineState,
  userId: string,
  now: number,
  error: GroupsEngineError,
): never {
  state.redeemFailures.set(userId, [
    ...recentAttempts(REDEEM_THROTTLE, state.redeemFailures.get(userId), now),
    now,
  ]);
  throw error;
}

/**
 * Looks at every stored code with a constant-time compare and no early exit, so neither a
 * Map lookup nor a short-circuit lets response time tell a near miss from a wild guess.
 */
function findCode(state: EngineState, candidate: string): CodeRecord | undefined {
  let found: CodeRecord | undefined;
  for (const record of state.codes.values()) {
    const same = constantTimeEqual(record.normalized, candidate);
    found = same ? record : found;
  }
  return found;
}

/**
 * `POST /v1/users/{userId}/redeem-code`: joins the code's group. Guessing is throttled per
 * user (5 failures in 10 minutes lock redemption), and a miss never reveals whether the
 * code exists for another group. Redeeming a group the user is already in is a no-op.
 */
export function redeemCode(state: EngineState, input: RedeemCodeInput): RedeemCodeResult {
  const { userId } = input;
  requireUser(state, userId);
  if (typeof input.code !== 'string') {
    throw new GroupsEngineError('validation_failed', 'code: must be a string.', { field: 'code' });
  }
  if (input.group !== undefined && typeof input.group !== 'string') {
    throw new GroupsEngineError(
      'validation_failed',
      'group: must be a user group slug or id, or left out.',
      { field: 'group' },
    );
  }

  const at = state.now();
  const now = at.getTime();
  refuseWhileLocked(REDEEM_THROTTLE, state.redeemFailures.get(userId), now);

  const candidate = normalizeCode(input.code);
  if (!CODE_PATTERN.test(candidate)) {
    failAttempt(
      state,
      userId,
      now,
      new GroupsEngineError(
        'code_malformed',
        'code: a code is 4 to 64 letters, digits and hyphens (e.g. "BETA-2026"); check what was typed.',
        { field: 'code' },
      ),
    );
  }

  const found = findCode(state, candidate);
  const scope = input.group === undefined ? undefined : findUserGroup(state, input.group);
  const group: UserGroupRecord | undefined = found && state.userGroups.get(found.groupId);
  if (
    !found ||
    !group ||
    !group.userViewable ||
    (input.group !== undefined && scope?.id !== group.id)
  ) {
    // One answer for "no such code", "a code of another group" and "a code of a group hidden
    // since", so none of them leaks what exists.
    failAttempt(
      state,
      userId,
      now,
      new GroupsEngineError(
        'code_invalid',
        input.group === undefined
          ? 'This code is not valid. Check it for typos.'
          : `This code is not valid for "${input.group}". Check it for typos.`,
        input.group === undefined ? {} : { group: input.group },
      ),
    );
  }

  const existing = state.memberships.get(userId, group.id);
  if (existing) {
    return {
      result: 'unchanged',
      group: toUserGroup(state, group, at),
      membership: toMembership(state, existing),
      automations: [],
    };
  }

  if (found.active === false) {
    failAttempt(
      state,
      userId,
      now,
      new GroupsEngineError('code_revoked', 'This code has been switched off.', {}),
    );
  }
  if (found.startsAt !== null && now < Date.parse(found.startsAt)) {
    failAttempt(
      state,
      userId,
      now,
      new GroupsEngineError('code_not_yet_active', `This code works from ${found.startsAt}.`, {
        startsAt: found.startsAt,
      }),
    );
  }
  if (found.stopsAt !== null && now >= Date.parse(found.stopsAt)) {
    failAttempt(
      state,
      userId,
      now,
      new GroupsEngineError('code_expired', `This code expired at ${found.stopsAt}.`, {
        stopsAt: found.stopsAt,
      }),
    );
  }
  // A user who redeemed before and later left may come back without consuming another use.
  const redeemedBefore = found.redemptions.some((r) => r.userId === userId);
  if (
    !redeemedBefore &&
    found.maxRedemptions !== null &&
    found.redemptions.length >= found.maxRedemptions
  ) {
    failAttempt(
      state,
      userId,
      now,
      new GroupsEngineError(
        'code_already_used',
        found.mode === 'unique'
          ? 'This code has already been used; each one works once.'
          : `This code has reached its limit of ${found.maxRedemptions} redemptions.`,
        { maxRedemptions: found.maxRedemptions },
      ),
    );
  }
  const status = userGroupStatus(group, at);
  if (status !== 'active') {
    failAttempt(
      state,
      userId,
      now,
      new GroupsEngineError(
        'group_not_active',
        `"${group.slug}" is ${status === 'scheduled' ? `not open until ${group.startsAt}` : `closed since ${group.stopsAt}`}.`,
        { group: group.slug, status, startsAt: group.startsAt, stopsAt: group.stopsAt },
      ),
    );
  }

  const joinedAt = at.toISOString();
  const membership = {
    userId,
    groupId: group.id,
    joinedAt,
    source: 'code' as const,
    attributes: {},
  };
  state.memberships.add(membership);
  if (!redeemedBefore) found.redemptions.push({ userId, at: joinedAt });
  const automations = fireMembershipEvents(
    state,
    [{ userId, groupId: group.id, event: 'added_to' }],
    'code',
  );
  return {
    result: 'added',
    group: toUserGroup(state, group, at),
    membership: toMembership(state, membership),
    automations,
  };
}

/** Code campaigns and redemption. */
export function createCodesApi(state: EngineState) {
  return {
    /** Creates a shared code or a batch of single-use codes for a `joinType: "code"` group (secret key). */
    createCodes: (groupIdOrSlug: string, input: unknown) =>
      createCodes(state, groupIdOrSlug, input),
    /** The group's codes with their redemption counts and status (secret key). */
    listCodes: (groupIdOrSlug: string) => listCodes(state, groupIdOrSlug),
    /** Redeems a code for a user (see `redeemCode`). */
    redeemCode: (input: RedeemCodeInput) => redeemCode(state, input),
  };
}
