import { type AudienceRule, type Membership, passesAudience } from '@groupkit/client';
import { isMemberOf } from './groupRef';

/** A gate's rule: the audience rule of `@groupkit/client`, by slug or id. */
export type GateRule = AudienceRule;

/**
 * Whether memberships pass a gate: a member of some `include` group (or `include` is empty)
 * and of no `exclude` group. The rule `useGroupGate` and `<GroupGate>` apply, for code that
 * checks many rules over one list (e.g. an onboarding flow's gated steps).
 * @example passesGate(useMemberships().data ?? [], { include: ['plus'], exclude: ['pro'] })
 */
export function passesGate(memberships: readonly Membership[], rule: GateRule | undefined) {
  return passesAudience((group) => isMemberOf(memberships, group), rule);
}
