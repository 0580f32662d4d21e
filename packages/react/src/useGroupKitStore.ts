'use client';
import { useStore } from 'zustand';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import type { GroupKitStoreState } from './store';

/**
 * Reads the provider's client state with a selector (re-renders only when the selected
 * value changes). Select primitives or stable references, never a fresh object.
 * @example const pendingCount = useGroupKitStore((s) => s.pending.length);
 */
export function useGroupKitStore<T>(
  selector: (state: GroupKitStoreState) => T,
  options?: GroupKitHookOptions,
): T {
  const { store } = useGroupKitContext('useGroupKitStore', options);
  return useStore(store, selector);
}
