import type { OperatorSession } from '@groupkit/client';
import type { SignInParams } from '@groupkit/client/console';
import { createStore } from 'zustand/vanilla';
import type { ConsoleClient } from './consoleClient';

export interface ConsoleSessionState {
  /** `checking` until the first `GET /v1/operator-session` answers. */
  status: 'checking' | 'signedOut' | 'signedIn';
  session: OperatorSession | null;
  /** Why the sign-in page is showing, when it is not the first visit. */
  notice: string | null;
  /** A failure of the session check itself (not "nobody is signed in"). */
  checkError: unknown;
  /** Asks the API who is signed in (the cookie survives reloads; its CSRF token is read again). */
  check: () => Promise<void>;
  /** Signs in; rejects with the API's error (wrong password, lockout) for the form to show. */
  signIn: (params: SignInParams) => Promise<void>;
  /** Ends the session on the API; rejects when that failed (the session then still stands). */
  signOut: () => Promise<void>;
  /** A request was answered 401: the session ended elsewhere (expired, signed out, removed). */
  ended: () => void;
}

/** Said on the sign-in page when the API answered a request 401. */
export const SESSION_ENDED_NOTICE = 'Your session has ended. Sign in again to continue.';

/**
 * The console's session: one store per `<ConsoleSessionProvider>`, around its own client
 * (which keeps the CSRF token), so two consoles side by side never share a sign-in.
 */
export function createConsoleSessionStore(client: ConsoleClient) {
  let checking: Promise<void> | null = null;
  return createStore<ConsoleSessionState>()((set, get) => ({
    status: 'checking',
    session: null,
    notice: null,
    checkError: null,
    check() {
      // Once at a time: a provider mounted twice (React's strict mode) asks once.
      checking ??= client
        .getOperatorSession()
        .then(
          (session) =>
            set(
              session
                ? { status: 'signedIn', session, checkError: null }
                : { status: 'signedOut', session: null, checkError: null },
            ),
          (error: unknown) => set({ status: 'signedOut', session: null, checkError: error }),
        )
        .finally(() => {
          checking = null;
        });
      return checking;
    },
    async signIn(params) {
      const session = await client.signIn(params);
      set({ status: 'signedIn', session, notice: null, checkError: null });
    },
    async signOut() {
      await client.signOut();
      set({ status: 'signedOut', session: null, notice: 'You have signed out.' });
    },
    ended() {
      if (get().status !== 'signedIn') return;
      set({ status: 'signedOut', session: null, notice: SESSION_ENDED_NOTICE });
    },
  }));
}

export type ConsoleSessionStore = ReturnType<typeof createConsoleSessionStore>;
