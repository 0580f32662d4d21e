/** Why a code was refused: the API's codes for a redemption, plus the cases the form adds. */
export type JoinGroupCodeFormErrorKind =
  | 'empty'
  | 'code_malformed'
  | 'code_invalid'
  | 'code_expired'
  | 'code_revoked'
  | 'code_not_yet_active'
  | 'code_already_used'
  | 'group_not_active'
  | 'too_many_attempts'
  | 'network'
  | 'unknown';

/** Strings of `JoinGroupCodeForm`. Functions interpolate; `locale` is the provider's, for `Intl`. */
export interface JoinGroupCodeFormMessages {
  /** The input's visible label. */
  label: string;
  /** The submit button. */
  submit: string;
  /** The submit button while the code is being checked. */
  pending: string;
  /** After a code joined the user to `group` (its display name). */
  joined: (group: string) => string;
  /** When the code is right but the user was already in `group`. */
  alreadyMember: (group: string) => string;
  /** While redemption is locked: how long is left (ticks every second). */
  tooManyAttempts: (seconds: number, locale: string) => string;
  /** One message per refusal (`too_many_attempts` shows when the server gave no wait time). */
  errors: Record<JoinGroupCodeFormErrorKind, string>;
}

/** "45 seconds", "2 minutes, 5 seconds" / "45 Sekunden", in the locale's words. */
export function formatSeconds(total: number, locale: string): string {
  const unit = (value: number, name: 'minute' | 'second') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const parts: string[] = [];
  if (minutes) parts.push(unit(minutes, 'minute'));
  if (seconds || !minutes) parts.push(unit(seconds, 'second'));
  return new Intl.ListFormat(locale, { style: 'long', type: 'unit' }).format(parts);
}

export const joinGroupCodeFormEn: JoinGroupCodeFormMessages = {
  label: 'Group code',
  submit: 'Join',
  pending: 'Checking…',
  joined: (group) => `You joined ${group}.`,
  alreadyMember: (group) => `You are already in ${group}.`,
  tooManyAttempts: (seconds, locale) =>
    `Too many attempts. Try again in ${formatSeconds(seconds, locale)}.`,
  errors: {
    empty: 'Enter your code.',
    code_malformed: 'That does not look like a code. Codes use letters, digits and hyphens.',
    code_invalid: 'This code is not valid. Check it for typos.',
    code_expired: 'This code has expired.',
    code_revoked: 'This code has been switched off.',
    code_not_yet_active: 'This code is not active yet. Try again later.',
    code_already_used: 'This code has already been used.',
    group_not_active: 'This group is not open right now.',
    too_many_attempts: 'Too many attempts. Try again later.',
    network: 'We could not reach the server. Check your connection and try again.',
    unknown: 'Something went wrong. Please try again.',
  },
};

export const joinGroupCodeFormDe: JoinGroupCodeFormMessages = {
  label: 'Gruppencode',
  submit: 'Beitreten',
  pending: 'Wird geprüft…',
  joined: (group) => `Du bist der Gruppe ${group} beigetreten.`,
  alreadyMember: (group) => `Du bist bereits Mitglied von ${group}.`,
  tooManyAttempts: (seconds, locale) =>
    `Zu viele Versuche. Versuche es in ${formatSeconds(seconds, locale)} erneut.`,
  errors: {
    empty: 'Gib deinen Code ein.',
    code_malformed:
      'Das sieht nicht wie ein Code aus. Codes bestehen aus Buchstaben, Ziffern und Bindestrichen.',
    code_invalid: 'Dieser Code ist nicht gültig. Prüfe ihn auf Tippfehler.',
    code_expired: 'Dieser Code ist abgelaufen.',
    code_revoked: 'Dieser Code wurde deaktiviert.',
    code_not_yet_active: 'Dieser Code ist noch nicht aktiv. Versuche es später erneut.',
    code_already_used: 'Dieser Code wurde bereits verwendet.',
    group_not_active: 'Diese Gruppe ist gerade nicht geöffnet.',
    too_many_attempts: 'Zu viele Versuche. Versuche es später erneut.',
    network: 'Der Server ist nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.',
    unknown: 'Etwas ist schiefgelaufen. Bitte versuche es erneut.',
  },
};
