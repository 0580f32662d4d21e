'use client';
import type { Membership } from '@groupkit/client';
import { useCallback, useMemo } from 'react';
import type { GroupKitHookOptions } from './GroupKitContext';
import { isMemberOf, lastPendingOp } from './groupRef';
import type { GateRule } from './passesGate';
import type { GroupKitStoreState } from './store';
import { useGroupKitStore } from './useGroupKitStore';
import { loadMemberships } from './loaders';
import { groupKitKeys } from './queryKeys';
import { useResourceQuery } from './useResourceQuery';

const SEPARATOR = '\u0000';
const split = (joined: string) => (joined ? joined.split(SEPARATOR) : []);

/**
 * Whether the user passes a gate: a member of some `include` group and of no `exclude`
 * group, counting pending changes. `undefined` until memberships have loaded. Re-renders only
 * when the answer changes.
 * @example
 * const showPlusPerks = useGroupGate({ include: ['plus'], exclude: ['pro'] });
 */
export function useGroupGate(rule: GateRule, options?: GroupKitHookOptions): boolean | undefined {
  // Keyed by content, so an inline `{ include: ['plus'] }` does not re-run selectors every render.
  const includeKey = (rule.include ?? []).join(SEPARATOR);
  const excludeKey = (rule.exclude ?? []).join(SEPARATOR);
  const gate = useMemo(() => {
    const include = split(includeKey);
    const exclude = split(excludeKey);
    return { include, exclude, groups: [...include, ...exclude] };
  }, [includeKey, excludeKey]);
  // Both selectors answer with a string (one character per group), so a change of any other
  // group compares equal and renders nothing.
  const selectServer = useCallback(
    (memberships: Membership[]) =>
      gate.groups.map((g) => (isMemberOf(memberships, g) ? '1' : '0')).join(''),
    [gate],
  );
  const selectPending = useCallback(
    (s: GroupKitStoreState) =>
      gate.groups.map((g) => lastPendingOp(s.pending, g)?.charAt(0) ?? '-').join(''),
    [gate],
  );
  const onServer = useResourceQuery(
    'useGroupGate',
    groupKitKeys.memberships,
    loadMemberships,
    selectServer,
    options,
  ).data;
  const pending = useGroupKitStore(selectPending, options);
  if (onServer === undefined) return undefined;
  const isMember = (index: number) =>
    pending[index] === 'a' || (pending[index] !== 'r' && onServer[index] === '1');
  const offset = gate.include.length;
  return (
    (gate.include.length === 0 || gate.include.some((_, i) => isMember(i))) &&
    !gate.exclude.some((_, i) => isMember(offset + i))
  );
}
