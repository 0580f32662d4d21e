import { defaultScenario } from './default';
import type { Scenario } from './types';

/**
 * The default scenario with identity verification on: publishable requests for a user must
 * carry `X-GroupKit-User-Hash: hex(HMAC-SHA256(identity secret, userId))`.
 */
export const verifiedScenario: Scenario = (context) => ({
  ...defaultScenario(context),
  identityVerification: true,
});
