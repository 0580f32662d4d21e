import { createGroupsEngine, createHandlers, type GroupsEngine } from '@groupkit/mock-api';
import { delay, type HttpHandler, HttpResponse, http } from 'msw';

// Engine setups for JoinGroupCodeForm's stories and browser tests: each puts the default
// scenario in the state one error code needs, through the engine's admin API.

const REDEEM = '*/v1/users/:userId/redeem-code';

/**
 * A story's mocked API: a default-scenario engine prepared by `setup`, made afresh before
 * every render (wrong codes count towards the lockout, and a redeemed code stays redeemed),
 * behind `before` handlers such as `pendingRedeem()`.
 * @example export const Expired: Story = { ...codeFormApi(closeBetaGroup), play: … }
 */
export function codeFormApi(setup?: (engine: GroupsEngine) => void, ...before: HttpHandler[]) {
  let engine = createGroupsEngine();
  const reset = () => {
    engine = createGroupsEngine();
    setup?.(engine);
  };
  reset();
  // The handlers keep talking to whichever engine is current.
  const current = new Proxy({} as GroupsEngine, { get: (_, key) => Reflect.get(engine, key) });
  return {
    parameters: { msw: { handlers: [...before, ...createHandlers(current)] } },
    beforeEach: reset,
  };
}
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** `SOON-2099`: a Beta testers code whose window opens in 30 days (`code_not_yet_active`). */
export function addFutureCode(engine: GroupsEngine) {
  engine.createCodes('beta', { mode: 'shared', code: 'SOON-2099', startsAt: inDays(30) });
}

/** Grace redeems the single-use `VIP-0001`, so Ada gets `code_already_used`. */
export function spendVipCode(engine: GroupsEngine) {
  engine.redeemCode({ userId: 'u_grace', code: 'VIP-0001' });
}

/** An admin switched `BETA-2026` off (it leaked): `code_revoked`. */
export function revokeBetaCode(engine: GroupsEngine) {
  const code = engine.listCodes('beta').find((c) => c.code === 'BETA-2026');
  if (code) engine.updateCode('beta', code.id, { active: false });
}

/** Beta testers opens in 30 days: `BETA-2026` is right, the group is not (`group_not_active`). */
export function closeBetaGroup(engine: GroupsEngine) {
  engine.updateUserGroup('beta', { startsAt: inDays(30) });
}

/** `userId` guesses wrong 5 times: the next try is `too_many_attempts` for 10 minutes. */
export function exhaustAttempts(engine: GroupsEngine, userId = 'u_ada') {
  for (let i = 0; i < 5; i++) {
    try {
      engine.redeemCode({ userId, code: `WRONG-000${i}` });
    } catch {
      // Each miss is what counts towards the lock.
    }
  }
}

/** A code group whose name is markup (`XSS-0001`), to show names render as text. */
export function addMarkupGroup(engine: GroupsEngine, name = '<img src=x onerror=alert(1)>') {
  engine.createUserGroup({
    slug: 'markup',
    name,
    type: 'manual',
    joinType: 'code',
    userViewable: true,
  });
  engine.createCodes('markup', { mode: 'shared', code: 'XSS-0001' });
}

/** A redemption that never answers: the pending state, frozen. Put before the mock handlers. */
export const pendingRedeem = () => http.post(REDEEM, () => delay('infinite'));

/** A redemption that cannot reach the server (`GroupKitNetworkError`). */
export const offlineRedeem = () => http.post(REDEEM, () => HttpResponse.error());

/** Every redemption is refused with `too_many_attempts` and a short `Retry-After`. */
export const lockedRedeem = (seconds: number, onRequest?: () => void) =>
  http.post(REDEEM, () => {
    onRequest?.();
    return HttpResponse.json(
      {
        error: {
          code: 'too_many_attempts',
          message: `Too many wrong codes; try again in ${seconds} s.`,
          details: {},
        },
      },
      { status: 429, headers: { 'Retry-After': String(seconds) } },
    );
  });
