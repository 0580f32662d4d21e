/** Strings of `JoinGroupToggle`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in with the widget
export interface JoinGroupToggleMessages {}

export const joinGroupToggleEn: JoinGroupToggleMessages = {};

export const joinGroupToggleDe: JoinGroupToggleMessages = {};
