import { isGroupKitApiError } from '@groupkit/client';
import type { GroupKitConsoleClient } from '@groupkit/client/console';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';

/**
 * The console's client: the signed-in operator's session (an httpOnly cookie and its CSRF
 * token), never an API key. What the operator may do is their role's business, on the API.
 */
export type ConsoleClient = GroupKitConsoleClient;

/** A request refused because the session is gone (signed out elsewhere, expired, removed). */
export function isSessionEnded(error: unknown): boolean {
  return isGroupKitApiError(error) && error.status === 401 && error.code === 'unauthorized';
}

/**
 * The console's own cache: the client already retries transient failures, so queries do not.
 * Any request answered "your session has ended" calls `onSessionEnded`, from queries and
 * writes alike, so the console goes back to its sign-in page from wherever it was.
 */
export function createConsoleQueryClient(onSessionEnded: () => void) {
  const onError = (error: unknown) => {
    if (isSessionEnded(error)) onSessionEnded();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
  });
}

/** What to show for a failure: the API's message (it says how to fix the request). */
export function errorMessage(error: unknown): string {
  if (isGroupKitApiError(error)) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The `details.field` of an API error (e.g. `ruleset.sets[1].rules[0].payload.value`). */
export function errorField(error: unknown): string | undefined {
  if (!isGroupKitApiError(error)) return undefined;
  const { field } = error.details;
  return typeof field === 'string' ? field : undefined;
}

/** Splits "a, b c" into ["a", "b", "c"]: ids and slugs never contain commas or spaces. */
export function splitList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}
