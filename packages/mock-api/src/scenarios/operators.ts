import type { OperatorRecord } from '../engine/types';

/**
 * The demo's dashboard password, for every seeded operator. Seeds are for development and
 * tests: a real server's operators come from `groupkit-server admins create`.
 */
export const DEMO_OPERATOR_PASSWORD = 'groupkit-demo-password';

/** `DEMO_OPERATOR_PASSWORD`'s PBKDF2 hash (what a WebCrypto-only browser mock can verify). */
const DEMO_HASH =
  'pbkdf2-sha256$600000$Z3JvdXBraXQtZGVtby1zYQ$Q04aHjLuf-u7o_AQlhBZlWtQpqgKQYzY8gm6fIA-Las';

/**
 * One operator per role (owner@, admin@, support@groupkit.test), with fixed ids so seeding
 * them takes no id from the scenario's generator: every other record keeps its id.
 */
export function demoOperators(now: Date): OperatorRecord[] {
  const createdAt = now.toISOString();
  return (['owner', 'admin', 'support'] as const).map((role) => ({
    id: `op_${role}`,
    email: `${role}@groupkit.test`,
    role,
    createdAt,
    lastSignInAt: null,
    passwordHash: DEMO_HASH,
  }));
}
