import type { UserGroup } from '@groupkit/client';
import { useEffect, useId, useRef, useState } from 'react';
import { FlowStepFields } from './FlowStepFields';
import {
  type FlowStepKind,
  insertAt,
  kindLabel,
  MAX_STEPS,
  moveStep,
  newStep,
  STEP_KINDS,
  type StepDraft,
} from './flowDraft';

export interface FlowStepListProps {
  steps: StepDraft[];
  onChange: (steps: StepDraft[]) => void;
  groups: readonly UserGroup[];
  /** The API's complaint about one step (by key), or about the list (`steps`). */
  error: { stepKey: number | null; field: string; message: string } | null;
}

/** Which control of which step gets focus after the next render. */
type FocusTarget = { key: number; control: 'up' | 'down' | 'fields' };

/**
 * A flow's steps in order: each edited in place, moved up or down, removed; new ones added
 * by kind. Moving keeps focus on the moved step's button (the other one at either end) and
 * every change is announced, so a keyboard or screen-reader user knows where the step went.
 */
export function FlowStepList({ steps, onChange, groups, error }: FlowStepListProps) {
  const id = useId();
  const [kind, setKind] = useState<FlowStepKind>('content');
  const [announcement, setAnnouncement] = useState('');
  const focusNext = useRef<FocusTarget | null>(null);
  const controlId = (key: number, control: string) => `${id}-${key}-${control}`;

  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    if (target.control === 'fields') {
      document
        .getElementById(controlId(target.key, 'step'))
        ?.querySelector<HTMLElement>('input, textarea, select')
        ?.focus();
      return;
    }
    const wanted = document.getElementById(controlId(target.key, target.control));
    // At either end its own button is disabled: the other direction is where it can go now.
    const other = controlId(target.key, target.control === 'up' ? 'down' : 'up');
    const button =
      wanted instanceof HTMLButtonElement && wanted.disabled
        ? document.getElementById(other)
        : wanted;
    button?.focus();
  });

  const describe = (step: StepDraft) => `${kindLabel(step.kind)} step “${step.id}”`;
  const move = (from: number, to: number, control: 'up' | 'down') => {
    const step = steps[from];
    if (!step || to < 0 || to >= steps.length) return;
    focusNext.current = { key: step.key, control };
    setAnnouncement(
      `Moved the ${describe(step)} ${control}: now step ${to + 1} of ${steps.length}.`,
    );
    onChange(moveStep(steps, from, to));
  };
  const remove = (index: number) => {
    const step = steps[index];
    if (!step) return;
    const next = steps.filter((_, i) => i !== index);
    const neighbour = next[index] ?? next[index - 1];
    // To the step that took its place (not its Remove button: a second Enter would remove that
    // too). The last step cannot be removed, so there always is one.
    if (neighbour) focusNext.current = { key: neighbour.key, control: 'fields' };
    setAnnouncement(`Removed the ${describe(step)}; ${next.length} steps left.`);
    onChange(next);
  };
  const add = () => {
    const step = newStep(steps, kind);
    const at = insertAt(steps, kind);
    focusNext.current = { key: step.key, control: 'fields' };
    setAnnouncement(`Added a ${describe(step)} as step ${at + 1} of ${steps.length + 1}.`);
    onChange([...steps.slice(0, at), step, ...steps.slice(at)]);
  };

  return (
    <fieldset className="demo-admin-flow-steps">
      <legend>Steps</legend>
      {/* Mounted up front, so each move, addition and removal is announced. */}
      <p role="status" className="demo-admin-hint">
        {announcement}
      </p>
      <ol className="demo-admin-flow-step-list">
        {steps.map((step, i) => {
          const label = `step ${i + 1}, ${step.id || kindLabel(step.kind)}`;
          return (
            <li key={step.key}>
              <fieldset id={controlId(step.key, 'step')} className="demo-admin-flow-step">
                <legend>
                  Step {i + 1} of {steps.length}: {kindLabel(step.kind)}
                </legend>
                <FlowStepFields
                  step={step}
                  groups={groups}
                  idPrefix={controlId(step.key, 'field')}
                  error={
                    error && error.stepKey === step.key
                      ? { field: error.field, message: error.message }
                      : null
                  }
                  onChange={(patch) =>
                    onChange(steps.map((s) => (s.key === step.key ? { ...s, ...patch } : s)))
                  }
                />
                <div className="demo-admin-actions">
                  <button
                    type="button"
                    id={controlId(step.key, 'up')}
                    aria-label={`Move up: ${label}`}
                    disabled={i === 0}
                    onClick={() => move(i, i - 1, 'up')}
                  >
                    Move up
                  </button>
                  <button
                    type="button"
                    id={controlId(step.key, 'down')}
                    aria-label={`Move down: ${label}`}
                    disabled={i === steps.length - 1}
                    onClick={() => move(i, i + 1, 'down')}
                  >
                    Move down
                  </button>
                  <button
                    type="button"
                    id={controlId(step.key, 'remove')}
                    aria-label={`Remove: ${label}`}
                    disabled={steps.length === 1}
                    onClick={() => remove(i)}
                  >
                    Remove
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="demo-admin-actions">
        <label>
          Kind of step
          <select value={kind} onChange={(e) => setKind(e.target.value as FlowStepKind)}>
            {STEP_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={add} disabled={steps.length >= MAX_STEPS}>
          Add step
        </button>
        <span className="demo-admin-hint">
          {steps.length} of {MAX_STEPS} steps. A new step goes last, or before a closing done step.
        </span>
      </div>
      {error && error.stepKey === null ? (
        <p className="demo-admin-field-error" data-invalid="">
          {error.message}
        </p>
      ) : null}
    </fieldset>
  );
}
