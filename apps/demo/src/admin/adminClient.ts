import { isGroupKitApiError } from '@groupkit/client';
import { createGroupKitAdminClient } from '@groupkit/client/admin';
import { QueryClient } from '@tanstack/react-query';

/**
 * The mock's secret key. Only the lazily loaded admin console and playground import this
 * module, so the end-user bundle never contains it (the e2e tests check the entry chunk).
 */
export const DEMO_SECRET_KEY = 'sk_test_groupkit';

/** Every secret-key method, against the mocked API (MSW answers any origin). */
export const admin = createGroupKitAdminClient({ apiKey: DEMO_SECRET_KEY });

export type AdminClient = typeof admin;

/** The console's own cache: the client already retries transient failures, so queries do not. */
export function createAdminQueryClient() {
  return new QueryClient({
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
