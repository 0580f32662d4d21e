import type { UserGroup } from '@groupkit/client';
import { FlowField } from './FlowField';
import { GroupPicker } from './GroupPicker';
import { type FlowStepKind, isUnder, type StepDraft } from './flowDraft';

export interface FlowStepFieldsProps {
  step: StepDraft;
  groups: readonly UserGroup[];
  onChange: (patch: Partial<StepDraft>) => void;
  /** The API's complaint about this step: the field under the step (`cta.href`) and its message. */
  error: { field: string; message: string } | null;
  /** Prefix for element ids (unique per step). */
  idPrefix: string;
}

/** The fields each kind has, as the API names them in `details.field`. */
const FIELDS: Record<FlowStepKind, readonly string[]> = {
  welcome: ['id', 'title', 'body'],
  choose_groups: ['id', 'title', 'groups'],
  enter_code: ['id', 'title', 'group'],
  content: ['id', 'title', 'body', 'cta.label', 'cta.href', 'cta'],
  done: ['id', 'title'],
};

/** The fields one step's kind has: title and body, its groups, a call to action. */
export function FlowStepFields({ step, groups, onChange, error, idPrefix }: FlowStepFieldsProps) {
  // The first of the kind's fields the error is under; the rest (`type`: a done step that is
  // not last) shows at the end of the step.
  const owner = error ? FIELDS[step.kind].find((name) => isUnder(error.field, name)) : undefined;
  const errorOf = (name: string) => (error && owner === name ? error.message : null);
  const text = (name: 'title' | 'body', label: string, required: boolean) => (
    <FlowField
      label={label}
      error={errorOf(name)}
      idPrefix={`${idPrefix}-${name}`}
      wide={name === 'body'}
    >
      {(aria) =>
        name === 'body' ? (
          <textarea
            rows={3}
            value={step.body}
            onChange={(e) => onChange({ body: e.target.value })}
            required={required}
            {...aria}
          />
        ) : (
          <input
            value={step.title}
            onChange={(e) => onChange({ title: e.target.value })}
            required={required}
            {...aria}
          />
        )
      }
    </FlowField>
  );

  return (
    <>
      <div className="demo-admin-grid">
        <FlowField
          label="Step id"
          hint="Kept across versions: users’ progress refers to it."
          error={errorOf('id')}
          idPrefix={`${idPrefix}-id`}
        >
          {(aria) => (
            <input
              value={step.id}
              onChange={(e) => onChange({ id: e.target.value })}
              required
              autoComplete="off"
              spellCheck={false}
              {...aria}
            />
          )}
        </FlowField>
        {step.kind === 'content'
          ? text('title', 'Title', true)
          : text('title', 'Title (optional)', false)}
        {step.kind === 'welcome' ? text('body', 'Body (optional)', false) : null}
        {step.kind === 'content' ? (
          <>
            {text('body', 'Body', true)}
            <FlowField
              label="Call to action label (optional)"
              error={errorOf('cta.label') ?? errorOf('cta')}
              idPrefix={`${idPrefix}-cta-label`}
            >
              {(aria) => (
                <input
                  value={step.ctaLabel}
                  onChange={(e) => onChange({ ctaLabel: e.target.value })}
                  {...aria}
                />
              )}
            </FlowField>
            <FlowField
              label="Call to action link"
              hint="An https: address, or a path on the app starting with “/”."
              error={errorOf('cta.href')}
              idPrefix={`${idPrefix}-cta-href`}
            >
              {(aria) => (
                <input
                  value={step.ctaHref}
                  onChange={(e) => onChange({ ctaHref: e.target.value })}
                  autoComplete="off"
                  spellCheck={false}
                  {...aria}
                />
              )}
            </FlowField>
          </>
        ) : null}
        {step.kind === 'enter_code' ? (
          <FlowField
            label="Group a code joins"
            error={errorOf('group')}
            idPrefix={`${idPrefix}-group`}
          >
            {(aria) => (
              <select
                value={step.group}
                onChange={(e) => onChange({ group: e.target.value })}
                {...aria}
              >
                <option value="">Choose a group</option>
                {groups.map((g) => (
                  <option key={g.id} value={g.slug}>
                    {g.name} ({g.slug})
                  </option>
                ))}
              </select>
            )}
          </FlowField>
        ) : null}
      </div>
      {step.kind === 'choose_groups' ? (
        // A fieldset of checkboxes: its error follows it, and the focus move after a refused
        // save finds it by `data-invalid`.
        <div data-invalid={errorOf('groups') ? '' : undefined}>
          <GroupPicker
            legend="Groups offered"
            groups={groups}
            value={step.groups}
            onChange={(slugs) => onChange({ groups: slugs })}
          />
          {errorOf('groups') ? (
            <p id={`${idPrefix}-groups-error`} className="demo-admin-field-error">
              {errorOf('groups')}
            </p>
          ) : null}
        </div>
      ) : null}
      {error && owner === undefined ? (
        <p className="demo-admin-field-error" data-invalid="">
          {error.message}
        </p>
      ) : null}
    </>
  );
}
