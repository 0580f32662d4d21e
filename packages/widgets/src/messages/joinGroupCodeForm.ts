/** Strings of `JoinGroupCodeForm`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in with the widget
export interface JoinGroupCodeFormMessages {}

export const joinGroupCodeFormEn: JoinGroupCodeFormMessages = {};

export const joinGroupCodeFormDe: JoinGroupCodeFormMessages = {};
