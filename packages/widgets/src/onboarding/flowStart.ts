'use client';
import type { Membership } from '@groupkit/client';
import { useGroupKitContext, useGroupKitStore, useMemberships } from '@groupkit/react';
import { useCallback, useEffect, useMemo } from 'react';

// What the user joined during a flow is what they hold now and did not hold when it began.
// `FlowProgress` has no room for that starting point, so it is kept beside the flow in the
// same persisted store, as a second entry (`<flowId>:start`) whose `seen` lists the group ids
// held at the start: it survives a reload and belongs to one user, like the flow itself.
// Comparing ids (not `joinedAt` with the flow's start time) cannot be fooled by clock skew
// between the browser and the server.
const startKey = (flowId: string) => `${flowId}:start`;

/**
 * Records the user's memberships when the flow first shows (once loaded), and returns a
 * function that forgets them (when the flow ends, so a restarted flow starts a new record).
 */
export function useFlowStart(
  flowId: string,
  memberships: Membership[] | undefined,
  active: boolean,
) {
  const { store } = useGroupKitContext('OnboardingFlow');
  const key = startKey(flowId);
  const recorded = useGroupKitStore((s) => key in s.flows);
  useEffect(() => {
    if (!active || recorded || !memberships) return;
    const seen = memberships.map((m) => m.groupId);
    store.setState((s) => ({ flows: { ...s.flows, [key]: { step: 0, status: 'active', seen } } }));
  }, [active, recorded, memberships, store, key]);
  return useCallback(
    () =>
      store.setState((s) => {
        const { [key]: _, ...flows } = s.flows;
        return { flows };
      }),
    [store, key],
  );
}

/**
 * The groups the user joined themselves (`source` `self` or `code`) since the flow began,
 * oldest first; pending joins included, groups left again not. Without a record (progress
 * stored by an older version), every group the user joined themselves counts.
 */
export function useJoinedDuringFlow(flowId: string): Membership[] {
  const memberships = useMemberships().data;
  const start = useGroupKitStore((s) => s.flows[startKey(flowId)]?.seen);
  return useMemo(
    () =>
      (memberships ?? []).filter(
        (m) => (m.source === 'self' || m.source === 'code') && !start?.includes(m.groupId),
      ),
    [memberships, start],
  );
}
