'use client';
import { passesGate, useFlowProgress, useMemberships } from '@groupkit/react';
import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useMessages } from './locale';
import type { OnboardingMessages, SectionOverride } from './messages';
import { onboardingEn } from './messages/onboarding';
import { OnboardingContext } from './onboarding/context';
import { useFlowStart } from './onboarding/flowStart';
import { type FlowStep, type OnboardingStepOptions, readSteps } from './onboarding/flowSteps';
import { ProgressBar } from './onboarding/ProgressBar';

export type { OnboardingStepOptions } from './onboarding/flowSteps';

export interface OnboardingStepProps extends OnboardingStepOptions {
  /**
   * The step's content, under its heading. Rendered only while the step is current.
   * @default undefined
   */
  children?: ReactNode;
}

/** Where the user is and what they can do: what `renderProgress` and `renderNav` receive. */
export interface OnboardingFlowState {
  /** The current step's id. */
  id: string;
  /** Position of the current step (from 1) among the steps the user's gates let through. */
  step: number;
  /** How many steps the user's gates let through. */
  total: number;
  /** The current step is `optional`: it may be skipped. */
  optional: boolean;
  /** To the previous step; `null` on the first. */
  back: (() => void) | null;
  /** To the next step; on the last, finishes the flow (`onComplete`). */
  next: () => void;
  /** Like `next`, for an optional step the user leaves without doing it. */
  skip: () => void;
  /** Ends the flow for good (`onDismiss`), as × and Escape do. */
  dismiss: () => void;
}

/**
 * Parts are replaced through `render*` props, as in the other widgets: each returns what the
 * part shows instead of the default, gets the flow's state (with its actions) and the default
 * rendering to wrap or extend; the flow keeps the elements that carry ids, labels and focus.
 */
export interface OnboardingFlowProps {
  /**
   * The flow's id: its progress is kept under it (`useFlowProgress(id)`), per user and account
   * group, across reloads. Call `useFlowProgress(id).reset()` to show a finished flow again.
   * @example <OnboardingFlow id="welcome-tour">
   */
  id: string;
  /**
   * The steps, in order: `OnboardingFlow.Step` elements and built-in steps (`WelcomeStep`,
   * `ChooseGroupsStep`, `EnterCodeStep`, `DoneStep`), as direct children.
   * @default undefined
   * @example <OnboardingFlow id="tour"><WelcomeStep /><OnboardingFlow.Step id="x" title="X">…</OnboardingFlow.Step></OnboardingFlow>
   */
  children?: ReactNode;
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

/** One step of an `OnboardingFlow`: its heading is `title`, its content the children. */
export function OnboardingStep({ children }: OnboardingStepProps) {
  return <>{children}</>;
}

/**
 * A short onboarding flow of steps, with "Step 2 of 4", Back / Next / Skip, and × or Escape
 * to dismiss. Focus moves to each new step's heading. Progress is kept per user (it resumes
 * after a reload); steps can be gated on groups. Renders nothing until the user's memberships
 * have loaded, so a gated step never flashes.
 * @example
 * <OnboardingFlow id="tour" onComplete={() => navigate('/home')}>
 *   <WelcomeStep />
 *   <OnboardingFlow.Step id="profile" title="Your profile" optional>
 *     <ProfileForm />
 *   </OnboardingFlow.Step>
 *   <EnterCodeStep gate={{ exclude: ['beta'] }} />
 *   <DoneStep />
 * </OnboardingFlow>
 */
export const OnboardingFlow = /* @__PURE__ */ Object.assign(
  function OnboardingFlow({
    id,
    children,
    onComplete,
    onDismiss,
    messages,
    headingLevel = 2,
    autoFocus = false,
    unstyled,
    className,
    renderProgress,
    renderNav,
    renderDone,
  }: OnboardingFlowProps) {
    const { t, locale } = useMessages('onboarding', onboardingEn, messages);
    const flow = useFlowProgress(id);
    const memberships = useMemberships().data;
    useFlowStart(id, memberships, flow.status === 'active');
    // The step on screen stays counted even when the user's gates change under it.
    const [pinned, setPinned] = useState<string | null>(null);
    const headingRef = useRef<HTMLHeadingElement>(null);
    const focusHeading = useRef(autoFocus);
    const uid = useId();
    const context = useMemo(
      () => ({ flowId: id, t, locale, headingLevel, unstyled }),
      [id, t, locale, headingLevel, unstyled],
    );

    const steps = readSteps(children);
    const shown = memberships
      ? steps.filter(
          (s) => s.id === pinned || flow.seen.includes(s.id) || passesGate(memberships, s.gate),
        )
      : [];
    // The stored step (by id when it still exists, so added or reordered steps in a later
    // release do not move the user), or the next one shown when a gate now skips it.
    const byId = flow.stepId ? steps.findIndex((s) => s.id === flow.stepId) : -1;
    const stored = byId >= 0 ? byId : flow.step;
    const at = shown.findIndex((s) => steps.indexOf(s) >= stored);
    const index = at < 0 ? shown.length - 1 : at;
    const current = shown[index];
    if (current && current.id !== pinned) setPinned(current.id);

    useEffect(() => {
      if (!focusHeading.current || !headingRef.current) return;
      focusHeading.current = false;
      headingRef.current.focus();
    }, [current?.id]);

    if (flow.status !== 'active') return renderDone ? <>{renderDone(flow.status)}</> : null;
    if (!current) return null;

    const end = (completed: boolean) => {
      if (completed) {
        flow.complete();
        onComplete?.();
      } else {
        flow.dismiss();
        onDismiss?.();
      }
    };
    const go = (to: FlowStep | undefined) => {
      // Leaving records the step as seen: it stays in the count whatever its gate says later.
      flow.goTo(steps.indexOf(to ?? current), current.id, (to ?? current).id);
      if (!to) return end(true);
      focusHeading.current = true;
    };
    const previous = shown[index - 1];
    const next = () => go(shown[index + 1]);
    const state: OnboardingFlowState = {
      id: current.id,
      step: index + 1,
      total: shown.length,
      optional: !!current.optional,
      back: previous ? () => go(previous) : null,
      next,
      skip: next,
      dismiss: () => end(false),
    };
    const last = index === shown.length - 1;

    const progress = (
      <ProgressBar
        value={state.step}
        max={state.total}
        text={t.progress(state.step, state.total, locale)}
      />
    );
    const nav = (
      <>
        {state.back && (
          <button type="button" className="groupkit-onboarding-back" onClick={state.back}>
            {t.back}
          </button>
        )}
        {state.optional && (
          <button type="button" className="groupkit-onboarding-skip" onClick={state.skip}>
            {t.skip}
          </button>
        )}
        <button type="button" className="groupkit-onboarding-next" onClick={next}>
          {last ? t.finish : t.next}
        </button>
      </>
    );
    const Heading = `h${headingLevel}` as const;

    return (
      <OnboardingContext.Provider value={context}>
        <section
          className={[!unstyled && 'groupkit-root', 'groupkit-onboarding', className]
            .filter(Boolean)
            .join(' ')}
          data-unstyled={unstyled || undefined}
          data-step={current.id}
          aria-labelledby={`${uid}h`}
          onKeyDown={(event) => {
            // A part that handles Escape itself (a directory's code panel) prevents the default.
            if (event.key !== 'Escape' || event.defaultPrevented || event.nativeEvent.isComposing)
              return;
            event.preventDefault();
            state.dismiss();
          }}
        >
          <div className="groupkit-onboarding-top">
            <div id={`${uid}p`} className="groupkit-onboarding-progress">
              {renderProgress ? renderProgress(state, progress) : progress}
            </div>
            <button
              type="button"
              className="groupkit-onboarding-dismiss"
              aria-label={t.dismiss}
              onClick={state.dismiss}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
          <Heading
            ref={headingRef}
            id={`${uid}h`}
            className="groupkit-heading groupkit-onboarding-title"
            tabIndex={-1}
            aria-describedby={`${uid}p`}
          >
            {current.title}
          </Heading>
          <div key={current.id} className="groupkit-onboarding-body">
            {current.element}
          </div>
          <div className="groupkit-onboarding-nav">{renderNav ? renderNav(state, nav) : nav}</div>
        </section>
      </OnboardingContext.Provider>
    );
  },
  { Step: OnboardingStep },
);
