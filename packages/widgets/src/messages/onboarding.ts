/** Strings of `OnboardingFlow`, its built-in steps and `OnboardingChecklist`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in with the widgets
export interface OnboardingMessages {}

export const onboardingEn: OnboardingMessages = {};

export const onboardingDe: OnboardingMessages = {};
