/**
 * Who is in: a member of at least one `include` group (or `include` is empty) and of no
 * `exclude` group. One rule for a `<GroupGate>` in a browser and for an audience an admin
 * sends a campaign to (`POST /v1/audiences/preview`), so both always agree.
 */
export interface AudienceRule {
  /**
   * Member of at least one of these groups. Omitted or empty: no requirement.
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

/**
 * Whether someone passes `rule`, given whether they are a member of a group as the rule
 * names it.
 * @example passesAudience((group) => mySlugs.has(group), { include: ['plus'], exclude: ['pro'] })
 */
export function passesAudience(
  isMember: (group: string) => boolean,
  rule: AudienceRule | undefined,
): boolean {
  return (!rule?.include?.length || rule.include.some(isMember)) && !rule?.exclude?.some(isMember);
}
