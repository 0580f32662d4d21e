import type { GroupKitError } from '@groupkit/client';

/**
 * Which of a widget's error messages a failure gets, by its `code` alone (never by class or
 * `name`, so it stays right when an app bundles two copies of the client): `network` when no
 * answer came (`network_error`), the code itself when `messages` has a sentence for it, else
 * `undefined` (the widget's own fallback).
 */
export function errorMessageKey(error: GroupKitError, messages: object): string | undefined {
  const key = error.code === 'network_error' ? 'network' : error.code;
  return key in messages ? key : undefined;
}
