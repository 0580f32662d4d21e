import type { GateRule } from '@groupkit/react';
import { Children, isValidElement, type ReactElement, type ReactNode } from 'react';

/** What a step says about itself: on `OnboardingFlow.Step`, or as a built-in step's defaults. */
export interface OnboardingStepOptions {
  /**
   * Unique within the flow; recorded in the flow's `seen` list. Stable across releases:
   * stored progress refers to it.
   * @example <OnboardingFlow.Step id="profile" title="Your profile">
   */
  id: string;
  /**
   * The step's heading (focused when the user moves to the step, and the flow's label).
   * @example <OnboardingFlow.Step id="profile" title="Your profile">
   */
  title: ReactNode;
  /**
   * Offer a Skip button.
   * @default false
   */
  optional?: boolean;
  /**
   * Show the step only to users who pass (as `<GroupGate>`): a member of some `include` group
   * and of no `exclude` group. Other users never see it, and it is not counted in "Step n of m".
   * A step the user is on, or has been through, stays even when joining a group changes the
   * answer (redeeming a beta code on a step gated `exclude: ['beta']` does not yank it away).
   * @default undefined (everyone)
   * @example <EnterCodeStep gate={{ exclude: ['beta'] }} />
   */
  gate?: GateRule;
}

/** A child of the flow, resolved: its options (defaults, then props) and the element to render. */
export interface FlowStep extends OnboardingStepOptions {
  element: ReactElement;
}

/** Built-in steps carry their defaults on the component (`WelcomeStep.step`). */
type WithDefaults = { step?: Partial<OnboardingStepOptions> };

/** The flow's direct children as steps, in order. */
export function readSteps(children: ReactNode): FlowStep[] {
  return Children.toArray(children)
    .filter(isValidElement)
    .map((element) => ({
      ...(element.type as WithDefaults).step,
      ...(element.props as Partial<OnboardingStepOptions>),
      element,
    }))
    .filter((step): step is FlowStep => {
      if (process.env.NODE_ENV !== 'production' && !step.id) {
        console.error(
          'OnboardingFlow: every child needs an id, e.g. <OnboardingFlow.Step id="profile" title="…">.',
        );
      }
      return !!step.id;
    });
}

/**
 * Props every built-in step takes: its step options, to override its defaults (`id`, `title`,
 * `optional`, `gate`), and children shown after its own content.
 */
export interface BuiltInStepProps extends Partial<OnboardingStepOptions> {
  /**
   * The step's id (progress is kept by it).
   * @default the step's own, e.g. 'welcome', 'choose-groups', 'code', 'done'
   */
  id?: string;
  /**
   * The step's heading.
   * @default the step's own title in the current language
   */
  title?: ReactNode;
  /**
   * Extra content after the step's own (links, a note).
   * @default undefined
   */
  children?: ReactNode;
}
