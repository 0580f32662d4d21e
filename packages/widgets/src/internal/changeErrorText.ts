import type { JoinGroupToggleErrorMessages } from '../messages/joinGroupToggle';

/**
 * Why a join or leave failed, as shown: by the API's `code`, `network` for a
 * `GroupKitNetworkError`, else `fallback`. Shared by the toggle and the membership list's
 * leave control, so one failure reads the same in both.
 */
export function changeErrorText(error: Error, errors: JoinGroupToggleErrorMessages): string {
  // By name, not instanceof: still right when an app bundles two copies of the client.
  const key = error.name === 'GroupKitNetworkError' ? 'network' : (error as { code?: string }).code;
  return (errors as unknown as Record<string, string | undefined>)[key ?? ''] ?? errors.fallback;
}
