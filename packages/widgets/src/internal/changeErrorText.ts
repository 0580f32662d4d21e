import type { GroupKitError } from '@groupkit/client';
import type { JoinGroupToggleErrorMessages } from '../messages/joinGroupToggle';
import { errorMessageKey } from './errorMessageKey';

/**
 * Why a join or leave failed, as shown: a sentence per error code, `network` when no answer
 * came, else `fallback`. Shared by the toggle and the membership list's leave control, so one
 * failure reads the same in both.
 */
export function changeErrorText(
  error: GroupKitError,
  errors: JoinGroupToggleErrorMessages,
): string {
  const key = (errorMessageKey(error, errors) ?? 'fallback') as keyof JoinGroupToggleErrorMessages;
  return errors[key];
}
