import { demoOperators } from './operators';
import { createSeedBuilder, daysFrom } from './build';
import { generateUsers } from './generateUsers';
import { plusTourFlow, plusTourProgress } from './plusTour';
import type { Scenario } from './types';

/**
 * The scenario the demo, stories and tests share: account group `acme`, Ada, Grace and Alan
 * plus 50 generated users, and one user group per behaviour a widget has to show.
 */
export const defaultScenario: Scenario = (context) => {
  const { now } = context;
  const b = createSeedBuilder(context);
  const created = daysFrom(now, -90);

  const customer = b.userGroup({
    slug: 'customer',
    name: 'Customer',
    description: 'Paying customers.',
  });
  const pro = b.userGroup({ slug: 'pro', name: 'Pro', description: 'Pro plan subscribers.' });
  const plus = b.userGroup({ slug: 'plus', name: 'Plus', description: 'Plus plan subscribers.' });
  const beta = b.userGroup({
    slug: 'beta',
    name: 'Beta testers',
    description: 'Try features before everyone else.',
    joinType: 'code',
    userViewable: true,
    order: 2,
  });
  const vip = b.userGroup({
    slug: 'vip',
    name: 'VIP lounge',
    description: 'Invitation only.',
    joinType: 'code',
    userViewable: true,
    order: 3,
  });
  const earlyAccess = b.userGroup({
    slug: 'early-access',
    name: 'Early access',
    description: 'The 2025 early-access programme.',
    joinType: 'code',
    userViewable: true,
    order: 4,
  });
  const userGroups = [
    customer,
    pro,
    plus,
    b.userGroup({
      slug: 'newsletter',
      name: 'Product newsletter',
      description: 'A monthly email about what is new.',
      joinType: 'open',
      userViewable: true,
      order: 1,
    }),
    beta,
    vip,
    earlyAccess,
    b.userGroup({
      slug: 'community',
      name: 'Community forum',
      description: 'Ask questions and share tips.',
      joinType: 'open',
      userViewable: true,
      order: 5,
    }),
    b.userGroup({
      slug: 'spring-summit',
      name: 'Spring summit',
      description: 'Our yearly customer conference.',
      joinType: 'open',
      userViewable: true,
      order: 6,
      startsAt: daysFrom(now, 30),
    }),
    b.userGroup({
      slug: 'webinar-2025',
      name: 'Webinar 2025',
      description: 'Recordings of the 2025 webinar series.',
      joinType: 'open',
      userViewable: true,
      order: 7,
      stopsAt: daysFrom(now, -1),
    }),
    b.userGroup({ slug: 'staff', name: 'Staff', description: 'Acme employees.', joinType: 'open' }),
    b.userGroup({
      slug: 'uk-users',
      name: 'UK users',
      description: 'Everyone based in the United Kingdom.',
      type: 'automatic',
      userViewable: true,
      order: 8,
      ruleset: {
        operator: 'OR',
        sets: [
          {
            id: 'set_uk',
            rules: [
              {
                id: 'rule_uk',
                type: 'attribute',
                payload: { field: 'country', op: 'eq', value: 'UK' },
              },
            ],
          },
        ],
      },
    }),
    b.userGroup({
      slug: 'power-admins',
      name: 'Power admins',
      description: 'Admins on a paid plan.',
      type: 'automatic',
      ruleset: {
        operator: 'AND',
        sets: [
          {
            id: 'set_admin',
            rules: [
              {
                id: 'rule_admin',
                type: 'attribute',
                payload: { field: 'role', op: 'eq', value: 'admin' },
              },
            ],
          },
          {
            id: 'set_paid',
            rules: [
              {
                id: 'rule_paid',
                type: 'attribute',
                payload: { field: 'plan', op: 'in', value: ['pro', 'plus'] },
              },
            ],
          },
        ],
      },
    }),
  ];

  const ada = b.user({
    id: 'u_ada',
    firstname: 'Ada',
    lastname: 'Lovelace',
    branchId: 'london',
    attributes: { role: 'admin', plan: 'pro', country: 'UK' },
  });
  const grace = b.user({
    id: 'u_grace',
    firstname: 'Grace',
    lastname: 'Hopper',
    branchId: 'nyc',
    attributes: { role: 'engineer', plan: 'plus', country: 'US' },
  });
  const alan = b.user({
    id: 'u_alan',
    firstname: 'Alan',
    lastname: 'Turing',
    branchId: 'london',
    attributes: { role: 'analyst', plan: 'free', country: 'UK' },
  });
  const generated = generateUsers(b, 50);

  return {
    identityVerification: false,
    operators: demoOperators(now),
    flows: [plusTourFlow(now)],
    flowProgress: plusTourProgress(now),
    // The onboarding widgets may keep the account group's onboarding state from the browser;
    // plan, seats and the rest stay the server's (secret key) to write.
    clientWritableProperties: ['onboarding'],
    accountGroups: [
      {
        id: 'acme',
        name: 'Acme Co.',
        properties: { name: 'Acme Co.', plan: 'Pro', seats: 25, region: 'eu' },
        createdAt: created,
        updatedAt: created,
      },
    ],
    users: [ada, grace, alan, ...generated],
    userGroups,
    memberships: [
      b.membership(ada.id, customer),
      b.membership(ada.id, pro),
      b.membership(grace.id, customer),
      b.membership(grace.id, plus),
    ],
    codes: [
      b.code(beta, 'BETA-2026', { startsAt: daysFrom(now, -1), stopsAt: daysFrom(now, 365) }),
      ...Array.from({ length: 10 }, (_, i) =>
        b.code(vip, `VIP-${String(i + 1).padStart(4, '0')}`, { mode: 'unique' }),
      ),
      b.code(earlyAccess, 'EARLY-2025', {
        startsAt: daysFrom(now, -60),
        stopsAt: daysFrom(now, -1),
      }),
    ],
    automations: [
      b.automation(
        'welcome-plus',
        'Welcome to Plus',
        { event: 'added_to', groupId: plus.id, requireIn: [], requireNotIn: [pro.id] },
        'welcome-plus',
      ),
      b.automation(
        'pro-churn-survey',
        'Pro cancellation survey',
        { event: 'removed_from', groupId: pro.id, requireIn: [], requireNotIn: [plus.id] },
        'pro-cancellation-survey',
      ),
    ],
  };
};
