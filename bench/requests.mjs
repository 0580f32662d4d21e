// Requests the React SDK sends, counted through the real MSW handlers (see reactHarness.mjs).
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Requests sent from mount until every one of `hooks` hooks has data (goal: 1). */
export async function requestsOnMount(harness, hooks) {
  harness.takeRequests();
  const mounted = await harness.mount({ hooks });
  await harness.settle();
  const sent = harness.takeRequests();
  mounted.unmount();
  return { value: sent.length, note: sent.join(', ') };
}

/** Requests after every hook and the provider unmount (goal: 0). */
export async function requestsAfterUnmount(harness) {
  const mounted = await harness.mount({ hooks: 5 });
  await harness.settle();
  harness.takeRequests();
  mounted.unmount();
  await harness.settle();
  const sent = harness.takeRequests();
  return { value: sent.length, note: sent.join(', ') || '5 hooks, then unmount' };
}

/** Requests when the provider starts from a session fetched ahead (`initialData`; goal: 0). */
export async function requestsOnHydration(harness) {
  const initialData = await harness.client.getSession({ userId: 'u_ada', groupId: 'acme' });
  harness.takeRequests();
  const mounted = await harness.mount({ hooks: 5, initialData });
  await harness.settle();
  const sent = harness.takeRequests();
  mounted.unmount();
  return { value: sent.length, note: sent.join(', ') || '5 hooks, initialData from getSession' };
}

/**
 * Requests per membership change (goal: 1): Alan joins, then leaves, `newsletter` through
 * `useJoinGroup`/`useLeaveGroup` when @groupkit/react has them, else through the provider's
 * client (`client.changeMemberships`), which bypasses the cache.
 */
export async function requestsPerMembershipChange(harness) {
  const { React, groupkit } = harness;
  const hasHooks =
    typeof groupkit.useJoinGroup === 'function' && typeof groupkit.useLeaveGroup === 'function';
  const actions = {};
  function Changer() {
    if (hasHooks) {
      actions.join = groupkit.useJoinGroup('newsletter').join;
      actions.leave = groupkit.useLeaveGroup('newsletter').leave;
    } else {
      const { client } = groupkit.useGroupKitContext('bench');
      actions.join = () => client.changeMemberships('u_alan', '+newsletter');
      actions.leave = () => client.changeMemberships('u_alan', '-newsletter');
    }
    actions.isMember = groupkit.useIsMember('newsletter');
    return null;
  }
  const mounted = await harness.mount({
    userId: 'u_alan',
    extra: [React.createElement(Changer, { key: 'changer' })],
  });
  await harness.settle();
  harness.takeRequests();
  const sent = [];
  const shown = [];
  for (const [action, expected] of [
    ['join', true],
    ['leave', false],
  ]) {
    const outcome = await actions[action]();
    if (outcome && outcome.ok === false) throw new Error(`${action} failed: ${outcome.error}`);
    await harness.settle();
    shown.push(actions.isMember === expected);
    sent.push(...harness.takeRequests());
  }
  mounted.unmount();
  const via = hasHooks ? 'useJoinGroup/useLeaveGroup' : 'client.changeMemberships (no hooks yet)';
  const cache = shown.every(Boolean) ? 'useIsMember followed' : 'useIsMember did NOT follow';
  return { value: sent.length / 2, note: `join + leave via ${via}; ${cache}; ${sent.join(', ')}` };
}

/** Milliseconds from `root.render` to data in one hook, zero mock latency; median of `runs`. */
export async function timeToReady(harness, runs = 9) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const mounted = await harness.mount({ hooks: 1 });
    times.push(mounted.readyMs);
    mounted.unmount();
  }
  harness.takeRequests();
  return {
    value: Number(median(times).toFixed(1)),
    note: `median of ${runs}; jsdom, React dev build, MSW in-process`,
  };
}
