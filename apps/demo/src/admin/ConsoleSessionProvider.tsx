import { createGroupKitConsoleClient } from '@groupkit/client/console';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, type ReactNode, useEffect, useState } from 'react';
import { type ConsoleClient, createConsoleQueryClient } from './consoleClient';
import { type ConsoleSessionStore, createConsoleSessionStore } from './consoleSessionStore';

export interface ConsoleContextValue {
  client: ConsoleClient;
  store: ConsoleSessionStore;
  queryClient: QueryClient;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export interface ConsoleSessionProviderProps {
  /** The API's origin; the hosted API by default (the mock answers any origin). */
  baseUrl?: string;
  /** A client of your own (tests); one is made from `baseUrl` otherwise. */
  client?: ConsoleClient;
  children: ReactNode;
}

/**
 * One signed-in operator's console: the client (cookie session, CSRF token), the session
 * store, and a query cache that empties when the session ends, so nothing one operator
 * loaded is shown to the next.
 */
export function ConsoleSessionProvider({ baseUrl, client, children }: ConsoleSessionProviderProps) {
  const [value] = useState<ConsoleContextValue>(() => {
    const consoleClient = client ?? createGroupKitConsoleClient({ baseUrl });
    const store = createConsoleSessionStore(consoleClient);
    const queryClient = createConsoleQueryClient(() => store.getState().ended());
    return { client: consoleClient, store, queryClient };
  });

  useEffect(() => {
    void value.store.getState().check();
    return value.store.subscribe((state, previous) => {
      if (previous.status === 'signedIn' && state.status !== 'signedIn') value.queryClient.clear();
    });
  }, [value]);

  return (
    <ConsoleContext.Provider value={value}>
      <QueryClientProvider client={value.queryClient}>{children}</QueryClientProvider>
    </ConsoleContext.Provider>
  );
}
