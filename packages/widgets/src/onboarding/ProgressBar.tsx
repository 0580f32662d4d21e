'use client';
import { useId } from 'react';

/**
 * Progress as text ("Step 2 of 4") and as a native `<progress>` (role progressbar, named by
 * the text): no inline style, so it renders the same on the server and under a strict CSP.
 */
export function ProgressBar({
  value,
  max,
  text,
  live,
}: {
  value: number;
  max: number;
  text: string;
  /** Announce changes politely (a checklist completing itself). */
  live?: boolean;
}) {
  const id = useId();
  return (
    <>
      <span id={id} className="groupkit-onboarding-text" role={live ? 'status' : undefined}>
        {text}
      </span>
      <progress className="groupkit-onboarding-bar" value={value} max={max} aria-labelledby={id} />
    </>
  );
}
