import { GroupKitChangeError } from './errors';

/** One membership change: add the user to, or remove them from, a group (slug or uuid). */
export interface ChangeOp {
  op: 'add' | 'remove';
  group: string;
}

/** Changes as the API takes them: `"-pro,+plus"`, or the ops themselves. */
export type ChangesInput = string | readonly ChangeOp[];

export type ParseChangesResult =
  { ok: true; ops: ChangeOp[] } | { ok: false; index: number; message: string };

/** At most this many ops in one change: a longer list is almost surely a bug in the caller. */
export const MAX_CHANGE_OPS = 100;

// Messages say what is wrong; development builds add how to fix it.
const GROUP = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

function checkGroup(group: unknown, index: number): string | null {
  if (typeof group !== 'string' || group.length === 0) {
    return `op ${index} names no group.${process.env.NODE_ENV === 'production' ? '' : ' Write "+slug" or "-slug".'}`;
  }
  if (/\s/.test(group)) return `op ${index} ("${group}") contains whitespace.`;
  if (group.startsWith('+') || group.startsWith('-')) {
    return `op ${index} ("${group}") has more than one sign.${process.env.NODE_ENV === 'production' ? '' : ' Write one "+" or "-" before the group.'}`;
  }
  if (!GROUP.test(group)) {
    return `op ${index} ("${group}") is not a group slug or id${process.env.NODE_ENV === 'production' ? '' : ' (letters, digits, "-" and "_", up to 128)'}.`;
  }
  return null;
}

/**
 * Parses ordered membership changes without throwing. Ops keep their order and duplicates
 * (`"+beta,-beta"` joins then leaves): order is meaning here.
 * @example parseChangesSafe('-pro,+plus') // { ok: true, ops: [{op:'remove',group:'pro'},{op:'add',group:'plus'}] }
 */
export function parseChangesSafe(input: unknown): ParseChangesResult {
  if (typeof input === 'string') {
    if (input.length === 0)
      return {
        ok: false,
        index: 0,
        message: `No changes.${process.env.NODE_ENV === 'production' ? '' : ' Write e.g. "+beta" or "-pro,+plus".'}`,
      };
    const items = input.split(',');
    if (items.length > MAX_CHANGE_OPS) {
      return {
        ok: false,
        index: MAX_CHANGE_OPS,
        message: `At most ${MAX_CHANGE_OPS} changes at once.`,
      };
    }
    const ops: ChangeOp[] = [];
    for (const [index, item] of items.entries()) {
      if (item.length === 0)
        return {
          ok: false,
          index,
          message: `op ${index} is empty.${process.env.NODE_ENV === 'production' ? '' : ' Remove the extra comma.'}`,
        };
      if (/\s/.test(item))
        return {
          ok: false,
          index,
          message: `op ${index} ("${item}") contains whitespace.${process.env.NODE_ENV === 'production' ? '' : ' Write "-pro,+plus" with no spaces.'}`,
        };
      const sign = item[0];
      if (sign !== '+' && sign !== '-') {
        return {
          ok: false,
          index,
          message: `op ${index} ("${item}") has no sign.${process.env.NODE_ENV === 'production' ? '' : ` Write "+${item}" to add or "-${item}" to remove.`}`,
        };
      }
      const group = item.slice(1);
      const problem = checkGroup(group, index);
      if (problem) return { ok: false, index, message: problem };
      ops.push({ op: sign === '+' ? 'add' : 'remove', group });
    }
    return { ok: true, ops };
  }
  if (Array.isArray(input)) {
    if (input.length === 0)
      return {
        ok: false,
        index: 0,
        message: `No changes.${process.env.NODE_ENV === 'production' ? '' : ' Pass at least one { op, group }.'}`,
      };
    if (input.length > MAX_CHANGE_OPS) {
      return {
        ok: false,
        index: MAX_CHANGE_OPS,
        message: `At most ${MAX_CHANGE_OPS} changes at once.`,
      };
    }
    const ops: ChangeOp[] = [];
    for (const [index, item] of input.entries()) {
      const { op, group, ...rest } = (item ?? {}) as Record<string, unknown>;
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        return {
          ok: false,
          index,
          message: `op ${index} must be an object { op, group }.`,
        };
      }
      if (op !== 'add' && op !== 'remove') {
        return {
          ok: false,
          index,
          message: `op ${index} has op ${JSON.stringify(op)}${process.env.NODE_ENV === 'production' ? '' : ': use "add" or "remove"'}.`,
        };
      }
      const unknown = Object.keys(rest);
      if (unknown.length > 0)
        return { ok: false, index, message: `op ${index} has unknown field "${unknown[0]}".` };
      const problem = checkGroup(group, index);
      if (problem) return { ok: false, index, message: problem };
      ops.push({ op, group: group as string });
    }
    return { ok: true, ops };
  }
  return {
    ok: false,
    index: 0,
    message: `changes must be a string${process.env.NODE_ENV === 'production' ? '' : ' like "-pro,+plus"'} or an array of { op, group }.`,
  };
}

/**
 * Parses ordered membership changes, throwing a `GroupKitChangeError` (`code:
 * 'invalid_change'`, `index` of the bad op) that says how to fix them. Duplicates are kept in
 * order.
 * @example parseChanges('-pro,+plus') // [{ op: 'remove', group: 'pro' }, { op: 'add', group: 'plus' }]
 * @example parseChanges('pro') // throws: op 0 ("pro") has no sign: write "+pro" to add or "-pro" to remove.
 */
export function parseChanges(input: ChangesInput): ChangeOp[] {
  const result = parseChangesSafe(input);
  if (!result.ok) {
    throw new GroupKitChangeError(`Invalid changes: ${result.message}`, result.index, input);
  }
  return result.ops;
}
