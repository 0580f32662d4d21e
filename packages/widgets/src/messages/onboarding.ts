/**
 * Strings of `OnboardingFlow`, its built-in steps and `OnboardingChecklist`. Functions
 * interpolate; those that count take the locale, so numbers and plurals follow its rules.
 */
export interface OnboardingMessages {
  /** The flow's progress, e.g. "Step 2 of 4" (only the steps the user's gates let through count). */
  progress: (step: number, total: number, locale: string) => string;
  back: string;
  next: string;
  /** The Next button on the last step. */
  finish: string;
  /** Shown on steps marked `optional`. */
  skip: string;
  /** Accessible name of the × button (Escape does the same). */
  dismiss: string;
  /** `WelcomeStep`'s heading; `name` is the account group's, `null` without one. */
  welcomeTitle: (name: string | null) => string;
  welcomeBody: string;
  /** `ChooseGroupsStep`. */
  chooseTitle: string;
  chooseBody: string;
  /** `EnterCodeStep`. */
  codeTitle: string;
  codeBody: string;
  /** `DoneStep`. */
  doneTitle: string;
  /** Introduces the list of the groups joined during the flow. */
  doneJoined: (count: number, locale: string) => string;
  /** When nothing was joined during the flow. */
  doneNone: string;
  /** Badge of a group joined with a code, in the done list. */
  joinedWithCode: string;
  /** `OnboardingChecklist`'s default heading. */
  checklistHeading: string;
  /** Read while the user's memberships load. */
  checklistLoading: string;
  /** The checklist's progress, e.g. "2 of 3 done". */
  checklistProgress: (done: number, total: number, locale: string) => string;
  /** Read before a finished item's label (screen readers; a check mark shows it). */
  itemDone: string;
  /** Read before an open item's label. */
  itemTodo: string;
  /** The `joinAnyGroup()` item. */
  joinAnyGroup: string;
  /** The `redeemCode()` item. */
  redeemCode: string;
  /** The `joinGroup(slug)` item; `name` is the group's display name. */
  joinGroup: (name: string) => string;
}

const num = (n: number, locale: string) => new Intl.NumberFormat(locale).format(n);
const isOne = (n: number, locale: string) => new Intl.PluralRules(locale).select(n) === 'one';

export const onboardingEn: OnboardingMessages = {
  progress: (step, total, locale) => `Step ${num(step, locale)} of ${num(total, locale)}`,
  back: 'Back',
  next: 'Next',
  finish: 'Finish',
  skip: 'Skip',
  dismiss: 'Dismiss onboarding',
  welcomeTitle: (name) => (name ? `Welcome to ${name}` : 'Welcome'),
  welcomeBody: 'Let’s get you into the right groups. It only takes a minute.',
  chooseTitle: 'Choose your groups',
  chooseBody: 'Join the groups you are interested in. You can change this at any time.',
  codeTitle: 'Have an invite code?',
  codeBody: 'A code lets you into a private group. No code? Skip this step.',
  doneTitle: 'You’re all set',
  doneJoined: (n, locale) =>
    `You joined ${num(n, locale)} ${isOne(n, locale) ? 'group' : 'groups'}:`,
  doneNone: 'You did not join any groups. You can join them later at any time.',
  joinedWithCode: 'With a code',
  checklistHeading: 'Get started',
  checklistLoading: 'Loading your progress…',
  checklistProgress: (done, total, locale) => `${num(done, locale)} of ${num(total, locale)} done`,
  itemDone: 'Done:',
  itemTodo: 'To do:',
  joinAnyGroup: 'Join a group',
  redeemCode: 'Redeem your invite code',
  joinGroup: (name) => `Join ${name}`,
};

export const onboardingDe: OnboardingMessages = {
  progress: (step, total, locale) => `Schritt ${num(step, locale)} von ${num(total, locale)}`,
  back: 'Zurück',
  next: 'Weiter',
  finish: 'Fertig',
  skip: 'Überspringen',
  dismiss: 'Einführung schließen',
  welcomeTitle: (name) => (name ? `Willkommen bei ${name}` : 'Willkommen'),
  welcomeBody: 'Finde in einer Minute die Gruppen, die zu dir passen.',
  chooseTitle: 'Wähle deine Gruppen',
  chooseBody: 'Tritt den Gruppen bei, die dich interessieren. Das kannst du jederzeit ändern.',
  codeTitle: 'Hast du einen Einladungscode?',
  codeBody:
    'Mit einem Code trittst du einer privaten Gruppe bei. Kein Code? Überspringe diesen Schritt.',
  doneTitle: 'Alles bereit',
  doneJoined: (n, locale) =>
    `Du bist ${num(n, locale)} ${isOne(n, locale) ? 'Gruppe' : 'Gruppen'} beigetreten:`,
  doneNone: 'Du bist keiner Gruppe beigetreten. Das kannst du jederzeit später tun.',
  joinedWithCode: 'Mit Code',
  checklistHeading: 'Erste Schritte',
  checklistLoading: 'Dein Fortschritt wird geladen…',
  checklistProgress: (done, total, locale) =>
    `${num(done, locale)} von ${num(total, locale)} erledigt`,
  itemDone: 'Erledigt:',
  itemTodo: 'Offen:',
  joinAnyGroup: 'Tritt einer Gruppe bei',
  redeemCode: 'Löse deinen Einladungscode ein',
  joinGroup: (name) => `Tritt ${name} bei`,
};
