import type { Membership } from '@groupkit/client';

/** Whether `memberships` include the group named by slug or id (callers use either). */
export function isMemberOf(memberships: readonly Membership[], slugOrId: string): boolean {
  return memberships.some((m) => m.slug === slugOrId || m.groupId === slugOrId);
}

export interface GateRule {
  /**
   * Member of at least one of these groups (slugs or ids). Omitted or empty: no requirement.
   * @default []
   * @example { include: ['plus', 'pro'] }
   */
  include?: readonly string[];
  /**
   * Member of none of these groups.
   * @default []
   * @example { include: ['plus'], exclude: ['pro'] }
   */
  exclude?: readonly string[];
}
