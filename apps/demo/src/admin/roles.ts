import type { OperatorRole } from '@groupkit/client';

/** Roles from least to most: each may do everything the ones before it may. */
export const OPERATOR_ROLES: readonly OperatorRole[] = ['support', 'admin', 'owner'];

/** Whether `role` may do what `needed` may (the API's rule; it refuses the rest anyway). */
export function roleAtLeast(role: OperatorRole, needed: OperatorRole): boolean {
  return OPERATOR_ROLES.indexOf(role) >= OPERATOR_ROLES.indexOf(needed);
}

/** What each role is for, in the words the operators page and the notes use. */
export const ROLE_DESCRIPTIONS: Record<OperatorRole, string> = {
  support: 'finds users and adds or removes their manual memberships',
  admin:
    'also manages groups, rule sets, codes, automations, audiences and onboarding flows, and reads the audit log',
  owner: 'also manages operators, API keys and the project’s settings',
};
