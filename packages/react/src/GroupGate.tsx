'use client';
import type { ReactNode } from 'react';
import type { GateRule } from './passesGate';
import { useGroupGate } from './useGroupGate';

export interface GroupGateProps extends GateRule {
  /**
   * Shown to users who pass the gate.
   * @default null
   */
  children?: ReactNode;
  /**
   * Shown to users who do not pass.
   * @default null
   * @example <GroupGate include={['pro']} fallback={<UpgradeCta />}>…</GroupGate>
   */
  fallback?: ReactNode;
  /**
   * Shown until memberships have loaded (never the gated content, never the fallback).
   * @default null
   */
  loading?: ReactNode;
}

/**
 * Shows content only to members of some groups and not of others.
 * @example
 * <GroupGate include={['plus']} exclude={['pro']} fallback={<p>Upgrade to Plus</p>}>
 *   <PlusPerks />
 * </GroupGate>
 */
export function GroupGate({
  include,
  exclude,
  children,
  fallback = null,
  loading = null,
}: GroupGateProps) {
  const passes = useGroupGate({ include, exclude });
  if (passes === undefined) return <>{loading}</>;
  return <>{passes ? children : fallback}</>;
}
