import { createGroupKitClient, type GroupKitClient } from '@groupkit/client';
import { GroupKitProvider, type GroupKitProviderProps } from '@groupkit/react';
import { useEffect, useState } from 'react';

/** A fetch that sends until `close()`, and again after `open()`. */
function gatedFetch() {
  let open = true;
  return {
    // `globalThis.fetch` read at each call, as the SDK's default does: MSW patches it.
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      open
        ? globalThis.fetch(input, init)
        : Promise.reject(new TypeError('the story that made this request has ended')),
    open: () => {
      open = true;
    },
    close: () => {
      open = false;
    },
  };
}

/**
 * A client for one story's provider: it sends while the component that made it is mounted,
 * and refuses (a network error, as the SDK sees it) once it unmounts, when the story ended.
 * A provider's change queue outlives its provider: a write still queued behind another when
 * a play function returned would otherwise go out during the next story and change that
 * story's engine (Dismissed's restart once reached Dark, which then showed the first step).
 * @example const client = useStoryClient();
 */
export function useStoryClient(apiKey = 'pk_test_groupkit'): GroupKitClient {
  const [{ client, gate }] = useState(() => {
    const gate = gatedFetch();
    return { gate, client: createGroupKitClient({ apiKey, fetch: gate.fetch }) };
  });
  useEffect(() => {
    // Open again after React's development remount (mount, unmount, mount).
    gate.open();
    return gate.close;
  }, [gate]);
  return client;
}

/**
 * `GroupKitProvider` as the stories' decorators use it: its requests end with the story
 * (`useStoryClient`), so nothing one story sends reaches the next.
 * @example <StoryProvider apiKey="pk_test_groupkit" userId="u_ada" groupId="acme"><Story /></StoryProvider>
 */
export function StoryProvider(props: Omit<GroupKitProviderProps, 'client'>) {
  const client = useStoryClient(props.apiKey);
  return <GroupKitProvider {...props} client={client} />;
}
