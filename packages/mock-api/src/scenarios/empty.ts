import { demoOperators } from './operators';
import type { Scenario } from './types';

/** No user groups and no memberships: the account group and users exist, nothing else. */
export const emptyScenario: Scenario = ({ now }) => {
  const created = now.toISOString();
  return {
    identityVerification: false,
    operators: demoOperators(now),
    accountGroups: [
      {
        id: 'acme',
        name: 'Acme Co.',
        properties: { name: 'Acme Co.' },
        createdAt: created,
        updatedAt: created,
      },
    ],
    users: ['u_ada', 'u_grace', 'u_alan'].map((id) => ({
      id,
      firstname: id.slice(2, 3).toUpperCase() + id.slice(3),
      lastname: '',
      email: `${id.slice(2)}@example.com`,
      username: id.slice(2),
      branchId: null,
      status: 'active' as const,
      attributes: {},
      createdAt: created,
    })),
    userGroups: [],
    memberships: [],
    codes: [],
    automations: [],
  };
};
