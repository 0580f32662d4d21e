import type { ApiWarning } from '@groupkit/client';

/**
 * What an admin write came back with that is allowed but probably not meant (the write went
 * through), e.g. `code_window_outside_group`. Render it inside the form's live region so it
 * is announced with the result.
 */
export function WarningList({ warnings }: { warnings: readonly ApiWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="demo-admin-warnings">
      {warnings.map((warning) => (
        <li key={warning.code} data-code={warning.code}>
          <strong>Warning:</strong> {warning.message}
        </li>
      ))}
    </ul>
  );
}
