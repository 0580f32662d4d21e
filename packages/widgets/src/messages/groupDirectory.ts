/** Strings of `GroupDirectory`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in with the widget
export interface GroupDirectoryMessages {}

export const groupDirectoryEn: GroupDirectoryMessages = {};

export const groupDirectoryDe: GroupDirectoryMessages = {};
