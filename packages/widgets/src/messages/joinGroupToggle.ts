/** Why a join or leave failed, by the API's error `code` (plus `network` and `fallback`). */
export interface JoinGroupToggleErrorMessages {
  /** 409: the group is scheduled or has ended. */
  group_not_active: string;
  /** 409: a rule set decides who is in the group. */
  group_is_automatic: string;
  /** 403: only an admin, or a code, can change this membership. */
  group_not_joinable: string;
  /** 409: the group keeps its members (`allowLeave: false`). */
  leave_not_allowed: string;
  /** 403: the key or user may not make changes. */
  forbidden: string;
  /** 404: the group was deleted or hidden since the directory loaded. */
  user_group_not_found: string;
  /** 429: still too many requests after the client's own retries. */
  rate_limited: string;
  /** No answer: offline, timeout (`GroupKitNetworkError`). */
  network: string;
  /** Any other failure. */
  fallback: string;
}

/** Strings of `JoinGroupToggle`. */
export interface JoinGroupToggleMessages {
  /** Name of the switch while the group and memberships load. */
  loading: string;
  /** Lock reason of an automatic (rule-populated) group. */
  automatic: string;
  /** Lock reason of a group only an admin can change (`joinType: null`). */
  adminOnly: string;
  /** Lock reason of a group joined with a campaign code (`joinType: 'code'`). */
  code: string;
  /** Lock reason of a scheduled group; `date` is already formatted for the locale. */
  opensOn: (date: string) => string;
  /** Lock reason of an ended group. */
  closed: string;
  /** Lock reason of a group the user is in and may not leave themselves (`allowLeave: false`). */
  keepsMembers: string;
  /** Lock reason of a group the directory does not list (unknown, hidden or ended). */
  unavailable: string;
  /** First sentence of the alert after a failed join (the switch is already rolled back). */
  joinFailed: (name: string) => string;
  /** First sentence of the alert after a failed leave. */
  leaveFailed: (name: string) => string;
  /** Second sentence of the alert: why. */
  errors: JoinGroupToggleErrorMessages;
}

export const joinGroupToggleEn: JoinGroupToggleMessages = {
  loading: 'Loading…',
  automatic: 'Assigned automatically',
  adminOnly: 'Managed by your admin',
  code: 'Join with a code',
  opensOn: (date) => `Opens on ${date}`,
  closed: 'Closed',
  keepsMembers: 'Members stay in this group',
  unavailable: 'Not available',
  joinFailed: (name) => `Could not join ${name}.`,
  leaveFailed: (name) => `Could not leave ${name}.`,
  errors: {
    group_not_active: 'It is not open right now.',
    group_is_automatic: 'Its members are assigned automatically.',
    group_not_joinable: 'You cannot change it yourself.',
    leave_not_allowed: 'Members stay in this group.',
    forbidden: 'You are not allowed to change it.',
    user_group_not_found: 'The group no longer exists.',
    rate_limited: 'Too many changes at once. Wait a moment and try again.',
    network: 'Check your connection and try again.',
    fallback: 'Something went wrong. Please try again.',
  },
};

export const joinGroupToggleDe: JoinGroupToggleMessages = {
  loading: 'Wird geladen…',
  automatic: 'Automatisch zugewiesen',
  adminOnly: 'Von deinem Admin verwaltet',
  code: 'Beitritt mit Code',
  opensOn: (date) => `Öffnet am ${date}`,
  closed: 'Geschlossen',
  keepsMembers: 'Mitglieder bleiben in dieser Gruppe',
  unavailable: 'Nicht verfügbar',
  joinFailed: (name) => `Beitritt zu ${name} fehlgeschlagen.`,
  leaveFailed: (name) => `Austritt aus ${name} fehlgeschlagen.`,
  errors: {
    group_not_active: 'Die Gruppe ist gerade nicht geöffnet.',
    group_is_automatic: 'Die Mitglieder werden automatisch zugewiesen.',
    group_not_joinable: 'Das kannst du nicht selbst ändern.',
    leave_not_allowed: 'Mitglieder bleiben in dieser Gruppe.',
    forbidden: 'Das darfst du nicht ändern.',
    user_group_not_found: 'Die Gruppe gibt es nicht mehr.',
    rate_limited: 'Zu viele Änderungen auf einmal. Warte kurz und versuche es erneut.',
    network: 'Prüfe deine Verbindung und versuche es erneut.',
    fallback: 'Etwas ist schiefgelaufen. Bitte versuche es erneut.',
  },
};
