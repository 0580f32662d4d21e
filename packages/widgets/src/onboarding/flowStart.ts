'use client';
import type { Membership } from '@groupkit/client';
import { useFlowProgress, useMemberships } from '@groupkit/react';
import { useEffect, useMemo } from 'react';

/**
 * Records the group ids the user holds when the flow first shows (once loaded), in the
 * flow's persisted progress: it survives a reload and belongs to one user, like the flow.
 * Comparing ids (not `joinedAt` with the flow's start time) cannot be fooled by clock skew
 * between the browser and the server.
 */
export function useFlowStart(
  flowId: string,
  memberships: Membership[] | undefined,
  active: boolean,
) {
  const { startedWith, recordStart } = useFlowProgress(flowId);
  useEffect(() => {
    if (active && !startedWith && memberships) recordStart(memberships.map((m) => m.groupId));
  }, [active, startedWith, memberships, recordStart]);
}

/**
 * The groups the user joined themselves (`source` `self` or `code`) since the flow began,
 * oldest first; pending joins included, groups left again not. Without a record (progress
 * stored by an older version), every group the user joined themselves counts.
 */
export function useJoinedDuringFlow(flowId: string): Membership[] {
  const memberships = useMemberships().data;
  const { startedWith } = useFlowProgress(flowId);
  return useMemo(
    () =>
      (memberships ?? []).filter(
        (m) => (m.source === 'self' || m.source === 'code') && !startedWith?.includes(m.groupId),
      ),
    [memberships, startedWith],
  );
}
