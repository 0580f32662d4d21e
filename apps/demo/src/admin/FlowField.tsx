import type { ReactNode } from 'react';

/** What ties a control to its hint and error. */
export interface ControlAria {
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

/**
 * A labelled control with its hint and, when the API refused it, its error right under it;
 * the control is marked invalid and described by both.
 */
export function FlowField({
  label,
  hint,
  error,
  idPrefix,
  wide,
  children,
}: {
  label: string;
  hint?: string;
  error: string | null;
  idPrefix: string;
  wide?: boolean;
  /** The control, given the attributes that tie it to its hint and error. */
  children: (aria: ControlAria) => ReactNode;
}) {
  const hintId = `${idPrefix}-hint`;
  const errorId = `${idPrefix}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={wide ? 'demo-admin-flow-field demo-admin-wide' : 'demo-admin-flow-field'}>
      <label>
        {label}
        {children({
          'aria-describedby': describedBy || undefined,
          'aria-invalid': error ? true : undefined,
        })}
      </label>
      {hint ? (
        <p id={hintId} className="demo-admin-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="demo-admin-field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
