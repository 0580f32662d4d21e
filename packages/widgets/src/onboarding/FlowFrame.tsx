'use client';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { OnboardingMessages } from '../messages/onboarding';
import { OnboardingContext } from './context';
import type { OnboardingFlowCommonProps } from './flowProps';
import type { FlowStep } from './flowSteps';
import { ProgressBar } from './ProgressBar';

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

// The frame takes the look-and-feel props of both flows as given (`<OnboardingFlow id>` and
// `<OnboardingFlow flowId>` spread them through), with their defaults applied here, once.
interface FlowFrameProps extends Pick<
  OnboardingFlowCommonProps,
  'headingLevel' | 'autoFocus' | 'unstyled' | 'className' | 'renderProgress' | 'renderNav'
> {
  /** The flow's id, for the steps inside (`DoneStep` lists what was joined during it). */
  flowId: string;
  t: OnboardingMessages;
  locale: string;
  current: FlowStep;
  state: OnboardingFlowState;
}

/**
 * One step of a flow in its frame: "Step 2 of 4", ×, the step's heading and content, and
 * Back / Skip / Next. Moving with the frame's buttons (or `state`'s actions in the render
 * props) focuses the new step's heading; a step that changes by itself (another device)
 * leaves focus where it is.
 */
export function FlowFrame({
  flowId,
  t,
  locale,
  current,
  state: given,
  headingLevel = 2,
  autoFocus = false,
  unstyled,
  className,
  renderProgress,
  renderNav,
}: FlowFrameProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Bumped by every move made through the frame: the step it leads to gets focus. A step that
  // changes without one (another device, a refused write rolled back) leaves focus alone.
  const [moves, setMoves] = useState(0);
  const focused = useRef(autoFocus ? -1 : 0);
  const uid = useId();
  const context = useMemo(
    () => ({ flowId, t, locale, headingLevel, unstyled }),
    [flowId, t, locale, headingLevel, unstyled],
  );

  useEffect(() => {
    if (focused.current === moves) return;
    focused.current = moves;
    headingRef.current?.focus();
  }, [current.id, moves]);

  const moved = (move: () => void) => () => {
    setMoves((n) => n + 1);
    move();
  };
  const state: OnboardingFlowState = {
    ...given,
    back: given.back && moved(given.back),
    next: moved(given.next),
    skip: moved(given.skip),
  };
  const last = state.step === state.total;

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
      <button type="button" className="groupkit-onboarding-next" onClick={state.next}>
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
}
