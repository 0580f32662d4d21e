import { expect, it } from 'vitest';
import * as de from '../locales/de';
import * as en from '../locales/en';
import * as flows from '../flows/index';
import * as onboarding from '../onboarding/index';
import * as widgets from '../index';

// Pins the runtime API of each @groupkit/widgets entry: adding, renaming or dropping an
// export must be a deliberate change to these lists (types do not appear here).
it('@groupkit/widgets exports exactly these names', () => {
  expect(Object.keys(widgets).sort()).toEqual([
    'GroupBadge',
    'GroupDirectory',
    'GroupKitLocaleProvider',
    'JoinGroupCodeForm',
    'JoinGroupToggle',
    'MembershipList',
    'formatDate',
  ]);
});

it('@groupkit/widgets/onboarding exports exactly these names', () => {
  expect(Object.keys(onboarding).sort()).toEqual([
    'ChooseGroupsStep',
    'ContentStep',
    'DoneStep',
    'EnterCodeStep',
    'GroupOnboarding',
    'OnboardingChecklist',
    'OnboardingFlow',
    'OnboardingStep',
    'WelcomeStep',
    'joinAnyGroupItem',
    'joinGroupItem',
    'redeemCodeItem',
  ]);
});

it('@groupkit/widgets/flows exports exactly these names', () => {
  expect(Object.keys(flows).sort()).toEqual(['OnboardingFlow']);
  expect(flows.OnboardingFlow.Step).toBe(onboarding.OnboardingFlow.Step);
});

it('the locale entries export one complete catalogue each', () => {
  expect(Object.keys(en)).toEqual(['englishMessages']);
  expect(Object.keys(de)).toEqual(['germanMessages']);
  // Every section and key of the English catalogue exists in German.
  for (const [section, strings] of Object.entries(en.englishMessages)) {
    const german = de.germanMessages[section as keyof typeof de.germanMessages];
    expect(Object.keys(german).sort(), section).toEqual(Object.keys(strings).sort());
  }
});
