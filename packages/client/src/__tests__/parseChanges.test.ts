import { describe, expect, it } from 'vitest';
import { GroupKitChangeError, isGroupKitChangeError } from '../errors';
import { parseChanges, parseChangesSafe } from '../parseChanges';

function thrown(input: Parameters<typeof parseChanges>[0]): GroupKitChangeError {
  try {
    parseChanges(input);
  } catch (error) {
    if (isGroupKitChangeError(error)) return error;
    throw error;
  }
  throw new Error(`expected parseChanges(${JSON.stringify(input)}) to throw`);
}

describe('parseChanges', () => {
  it('parses "-pro,+plus" into ordered ops', () => {
    expect(parseChanges('-pro,+plus')).toEqual([
      { op: 'remove', group: 'pro' },
      { op: 'add', group: 'plus' },
    ]);
  });

  it('keeps duplicates, in order', () => {
    expect(parseChanges('+beta,-beta,+beta')).toEqual([
      { op: 'add', group: 'beta' },
      { op: 'remove', group: 'beta' },
      { op: 'add', group: 'beta' },
    ]);
  });

  it('accepts the ops themselves and returns them unchanged', () => {
    const ops = [{ op: 'add', group: 'beta' }] as const;
    expect(parseChanges(ops)).toEqual([{ op: 'add', group: 'beta' }]);
  });

  it.each([
    ['pro', 0, /has no sign\. Write "\+pro" to add or "-pro" to remove/],
    ['+', 0, /names no group/],
    ['++pro', 0, /more than one sign/],
    ['+pro,,-plus', 1, /op 1 is empty\. Remove the extra comma/],
    ['-pro, +plus', 1, /whitespace/],
    [' +pro', 0, /whitespace/],
    ['', 0, /No changes/],
  ])('rejects %j at op %i with a message saying how to fix it', (input, index, message) => {
    const error = thrown(input);
    expect(error).toBeInstanceOf(GroupKitChangeError);
    expect(error.code).toBe('invalid_change');
    expect(error.index).toBe(index);
    expect(error.input).toBe(input);
    expect(error.message).toMatch(message);
  });

  it('rejects an op object with an unknown op', () => {
    const error = thrown([{ op: 'toggle' as 'add', group: 'beta' }]);
    expect(error.message).toMatch(/use "add" or "remove"/);
  });

  it('agrees with parseChangesSafe, which still returns instead of throwing', () => {
    expect(parseChangesSafe('pro')).toMatchObject({ ok: false, index: 0 });
    expect(parseChangesSafe('-pro,+plus')).toEqual({ ok: true, ops: parseChanges('-pro,+plus') });
  });
});
