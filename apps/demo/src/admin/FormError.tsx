import { errorMessage } from './consoleClient';

/** A failed request's message, next to the form that sent it (announced as an alert). */
export function FormError({ error, id }: { error: unknown; id?: string }) {
  if (error === null || error === undefined) return null;
  return (
    <p className="demo-admin-error" role="alert" id={id}>
      {errorMessage(error)}
    </p>
  );
}
