import { useId } from 'react';
import { errorField, errorMessage } from './consoleClient';
import { errorPlace, type FlowForm, isUnder } from './flowDraft';
import { FlowField } from './FlowField';
import { FlowStepList } from './FlowStepList';
import { GroupPicker } from './GroupPicker';
import { useAllGroups } from './useAllGroups';
import { FormError } from './FormError';

export interface FlowFormFieldsProps {
  value: FlowForm;
  onChange: (form: FlowForm) => void;
  /** The last save's failure, if any. */
  error: unknown;
  /** The steps' keys as that save sent them: `steps[2]` is the third of these. */
  sentKeys: readonly number[];
  /** A new flow's id field (a saved flow's id never changes). */
  flowId?: { value: string; onChange: (id: string) => void };
}

/** Moves focus to the first field the API refused, so the keyboard lands where the fix is. */
export function focusFirstInvalid(form: HTMLFormElement | null) {
  form
    ?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid] input:not([type="search"])')
    ?.focus();
}

/**
 * What a flow's draft holds: (a new flow's id,) its name, its steps and whom it targets. Each
 * of the API's 422 answers shows under the field its `details.field` names.
 */
export function FlowFormFields({ value, onChange, error, sentKeys, flowId }: FlowFormFieldsProps) {
  const id = useId();
  const groups = useAllGroups();
  const place = errorPlace(errorField(error), sentKeys);
  const message = error ? errorMessage(error) : '';
  const topField = place && !('stepKey' in place) ? place.field : null;
  const invalid = (name: string) => topField !== null && isUnder(topField, name);
  const fieldError = (name: string) =>
    invalid(name) ? (
      <p id={`${id}-${name}-error`} className="demo-admin-field-error">
        {message}
      </p>
    ) : null;
  const set = (patch: Partial<FlowForm>) => onChange({ ...value, ...patch });

  return (
    <>
      <div className="demo-admin-grid">
        {flowId ? (
          <FlowField
            label="Flow id"
            hint="Lower-case letters, digits, _ or -; the app names the flow by it. It never changes."
            error={invalid('id') ? message : null}
            idPrefix={`${id}-id`}
          >
            {(aria) => (
              <input
                value={flowId.value}
                onChange={(e) => flowId.onChange(e.target.value)}
                required
                autoComplete="off"
                spellCheck={false}
                {...aria}
              />
            )}
          </FlowField>
        ) : null}
        <FlowField label="Name" error={invalid('name') ? message : null} idPrefix={`${id}-name`}>
          {(aria) => (
            <input
              value={value.name}
              onChange={(e) => set({ name: e.target.value })}
              required
              {...aria}
            />
          )}
        </FlowField>
      </div>
      <FlowStepList
        steps={value.steps}
        onChange={(steps) => set({ steps })}
        groups={groups.data ?? []}
        error={
          place && 'stepKey' in place
            ? { stepKey: place.stepKey, field: place.field, message }
            : topField === 'steps'
              ? { stepKey: null, field: 'steps', message }
              : null
        }
      />
      {groups.isError ? <FormError error={groups.error} /> : null}
      <fieldset className="demo-admin-flow-steps">
        <legend>Who gets it</legend>
        <p className="demo-admin-hint">
          Members of any included group (every user when none is), unless they are in an excluded
          group.
        </p>
        <div className="demo-admin-pickers">
          <div data-invalid={invalid('targeting.include') ? '' : undefined}>
            <GroupPicker
              legend="Include members of any of"
              groups={groups.data ?? []}
              value={value.include}
              onChange={(include) => set({ include })}
            />
            {fieldError('targeting.include')}
          </div>
          <div data-invalid={invalid('targeting.exclude') ? '' : undefined}>
            <GroupPicker
              legend="Exclude members of any of"
              groups={groups.data ?? []}
              value={value.exclude}
              onChange={(exclude) => set({ exclude })}
            />
            {fieldError('targeting.exclude')}
          </div>
        </div>
      </fieldset>
    </>
  );
}
