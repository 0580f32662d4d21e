import { parseWindow, toCodeView } from './codes';
import { GroupsEngineError } from './errors';
import { paginate } from './listing';
import { requireUserGroup } from './lookup';
import type { EngineState } from './state';
import type {
  ApiWarning,
  CodeRecord,
  CodeRedemption,
  CodeView,
  Page,
  UserGroupRecord,
} from './types';
import { expectBoolean, expectInteger, expectObject, parsePaging, rejectUnknown } from './validate';

/*
 * A code after it was made: read it, switch it off (revoke) or on, move its window, change a
 * shared code's cap, delete it, and see who used it. Campaigns leak; an operator must be able
 * to stop one without deleting the group.
 */

/** The group's code with this id; 404 `code_invalid` (as redemption says) for any other. */
function requireCode(state: EngineState, group: UserGroupRecord, codeId: string): CodeRecord {
  for (const record of state.codes.values()) {
    if (record.id === codeId && record.groupId === group.id) return record;
  }
  throw new GroupsEngineError('code_invalid', `"${group.slug}" has no code "${codeId}".`, {
    group: group.slug,
    codeId,
  });
}

const time = (iso: string | null, open: number) => (iso === null ? open : Date.parse(iso));

/**
 * `code_window_outside_group` when the code does not work for all the time its group is open
 * (it starts later or stops sooner): "make sure the campaign is active during all the time the
 * group is available". Allowed (a teaser window is a choice), so a warning, not a refusal.
 */
export function windowWarnings(
  group: UserGroupRecord,
  code: Pick<CodeRecord, 'startsAt' | 'stopsAt'>,
): ApiWarning[] {
  const startsLate = time(code.startsAt, -Infinity) > time(group.startsAt, -Infinity);
  const stopsEarly = time(code.stopsAt, Infinity) < time(group.stopsAt, Infinity);
  if (!startsLate && !stopsEarly) return [];
  const span = (from: string | null, to: string | null) =>
    from === null
      ? to === null
        ? 'at all times'
        : `until ${to}`
      : to === null
        ? `from ${from} on`
        : `from ${from} to ${to}`;
  return [
    {
      code: 'code_window_outside_group',
      message: `The code works ${span(code.startsAt, code.stopsAt)}, but "${group.slug}" is open ${span(group.startsAt, group.stopsAt)}: users who find the group outside the code's window cannot join it.`,
      details: {
        group: group.slug,
        groupWindow: { startsAt: group.startsAt, stopsAt: group.stopsAt },
        codeWindow: { startsAt: code.startsAt, stopsAt: code.stopsAt },
      },
    },
  ];
}

/** `GET /v1/user-groups/{idOrSlug}/codes/{codeId}`. */
export function getCode(state: EngineState, groupIdOrSlug: string, codeId: string): CodeView {
  const group = requireUserGroup(state, groupIdOrSlug);
  return toCodeView(requireCode(state, group, codeId), state.now());
}

/**
 * `PATCH /v1/user-groups/{idOrSlug}/codes/{codeId}` `{active?, startsAt?, stopsAt?,
 * maxRedemptions?}`: `active: false` revokes the code (redeeming it answers 410
 * `code_revoked`), `true` turns it back on. Checked whole before anything changes.
 */
export function updateCode(
  state: EngineState,
  groupIdOrSlug: string,
  codeId: string,
  input: unknown,
): { code: CodeView; warnings: ApiWarning[] } {
  const group = requireUserGroup(state, groupIdOrSlug);
  const record = requireCode(state, group, codeId);
  const body = expectObject(input, 'body');
  rejectUnknown(body, ['active', 'startsAt', 'stopsAt', 'maxRedemptions']);
  const active =
    body.active === undefined ? record.active !== false : expectBoolean(body.active, 'active');
  const window = parseWindow({
    startsAt: body.startsAt === undefined ? record.startsAt : body.startsAt,
    stopsAt: body.stopsAt === undefined ? record.stopsAt : body.stopsAt,
  });
  let { maxRedemptions } = record;
  if (body.maxRedemptions !== undefined) {
    if (record.mode === 'unique') {
      throw new GroupsEngineError(
        'validation_failed',
        'maxRedemptions: a single-use code works once; make a shared code for more.',
        { field: 'maxRedemptions' },
      );
    }
    maxRedemptions =
      body.maxRedemptions === null
        ? null
        : expectInteger(body.maxRedemptions, 'maxRedemptions', { min: 1 });
  }
  const updated: CodeRecord = { ...record, ...window, maxRedemptions, active };
  state.codes.set(record.normalized, updated);
  const windowMoved = body.startsAt !== undefined || body.stopsAt !== undefined;
  return {
    code: toCodeView(updated, state.now()),
    warnings: windowMoved ? windowWarnings(group, updated) : [],
  };
}

/**
 * `DELETE /v1/user-groups/{idOrSlug}/codes/{codeId}`: the code is gone (redeeming it answers
 * like a code that never existed, and its text is free again); memberships it gave stay.
 */
export function deleteCode(state: EngineState, groupIdOrSlug: string, codeId: string): void {
  const group = requireUserGroup(state, groupIdOrSlug);
  state.codes.delete(requireCode(state, group, codeId).normalized);
}

/** `GET /v1/user-groups/{idOrSlug}/codes/{codeId}/redemptions`: who used it and when, oldest first. */
export function listRedemptions(
  state: EngineState,
  groupIdOrSlug: string,
  codeId: string,
  query: { page?: string; page_size?: string } = {},
): Page<CodeRedemption> {
  const group = requireUserGroup(state, groupIdOrSlug);
  const record = requireCode(state, group, codeId);
  const paging = parsePaging(query.page, query.page_size);
  const redemptions = [...record.redemptions].sort(
    (a, b) => a.at.localeCompare(b.at) || a.userId.localeCompare(b.userId),
  );
  return paginate(redemptions, paging);
}

/** Code campaigns after they were made (secret key). */
export function createCodeLifecycleApi(state: EngineState) {
  return {
    getCode: (groupIdOrSlug: string, codeId: string) => getCode(state, groupIdOrSlug, codeId),
    updateCode: (groupIdOrSlug: string, codeId: string, input: unknown) =>
      updateCode(state, groupIdOrSlug, codeId, input),
    deleteCode: (groupIdOrSlug: string, codeId: string) => deleteCode(state, groupIdOrSlug, codeId),
    listRedemptions: (
      groupIdOrSlug: string,
      codeId: string,
      query?: { page?: string; page_size?: string },
    ) => listRedemptions(state, groupIdOrSlug, codeId, query),
    /** What a new code with this window should be told (`windowWarnings`). */
    codeWindowWarnings: (groupIdOrSlug: string, window: Pick<CodeRecord, 'startsAt' | 'stopsAt'>) =>
      windowWarnings(requireUserGroup(state, groupIdOrSlug), window),
  };
}
