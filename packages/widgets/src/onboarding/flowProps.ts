import type { ReactNode } from 'react';
import type { OnboardingMessages, SectionOverride } from '../messages';
import type { OnboardingFlowState } from './FlowFrame';

/**
 * What every `OnboardingFlow` takes, defined in code or on the server. Parts are replaced
 * through `render*` props, as in the other widgets: each returns what the part shows instead
 * of the default, gets the flow's state (with its actions) and the default rendering to wrap
 * or extend; the flow keeps the elements that carry ids, labels and focus.
 */
export interface OnboardingFlowCommonProps {
  /**
   * Called once when the user finishes the last step. The flow then renders nothing (or
   * `renderDone`): move focus to where the user goes next.
   * @default undefined
   * @example <OnboardingFlow id="tour" onComplete={() => navigate('/home')}>
   */
  onComplete?: () => void;
  /**
   * Called once when the user dismisses the flow: ×, or Escape with focus inside the flow
   * (unless a part handled that Escape and called `preventDefault()`, as a directory's open
   * code panel does). It stays dismissed across reloads.
   * @default undefined
   * @example <OnboardingFlow id="tour" onDismiss={() => track('tour dismissed')}>
   */
  onDismiss?: () => void;
  /**
   * Override any of the strings (over `GroupKitLocaleProvider`'s catalogue).
   * @default English, or the surrounding GroupKitLocaleProvider's
   * @example <OnboardingFlow id="tour" messages={{ finish: 'Let’s go' }}>
   */
  messages?: SectionOverride<OnboardingMessages>;
  /**
   * Level of the step headings, to fit your page outline (widgets inside take the next one).
   * @default 2
   */
  headingLevel?: 2 | 3 | 4 | 5 | 6;
  /**
   * Focus the first step's heading on mount (on later steps it is always focused).
   * @default false
   */
  autoFocus?: boolean;
  /**
   * Drop the themed box (`groupkit-root`) and mark the root `data-unstyled`; the part classes
   * (`groupkit-onboarding-*`) stay, to style from scratch. Passed on to the widgets in steps.
   * @default false
   */
  unstyled?: boolean;
  /**
   * Extra class on the root element.
   * @default undefined
   */
  className?: string;
  /**
   * Replaces the progress ("Step 2 of 4" and its bar).
   * @default the text and a `<progress>` named by it
   * @example renderProgress={(s) => `${s.step} / ${s.total}`}
   */
  renderProgress?: (state: OnboardingFlowState, defaultProgress: ReactNode) => ReactNode;
  /**
   * Replaces the buttons under the step (Back, Skip, Next or Finish).
   * @default Back (from step 2), Skip (optional steps), Next / Finish
   * @example renderNav={(s, nav) => <>{nav}<a href="/help">Help</a></>}
   */
  renderNav?: (state: OnboardingFlowState, defaultNav: ReactNode) => ReactNode;
  /**
   * Shown instead of the flow once it was completed or dismissed.
   * @default nothing
   * @example renderDone={(status) => status === 'dismissed' && <button onClick={reset}>Show the tour</button>}
   */
  renderDone?: (status: 'completed' | 'dismissed') => ReactNode;
}
