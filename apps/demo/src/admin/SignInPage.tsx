import { isGroupKitApiError } from '@groupkit/client';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from './consoleClient';
import { useConsoleSession } from './useConsoleSession';

export interface SignInPageProps {
  /** Shown under the form, e.g. the demo accounts on the mocked API. */
  hint?: ReactNode;
  /** What signing in is for here. @default 'Sign in to manage groups, members and users.' */
  purpose?: string;
}

/** "14:05 (in 15 minutes)": when a locked-out email may try again. */
function retryTime(at: Date): string {
  const minutes = Math.max(1, Math.ceil((at.getTime() - Date.now()) / 60_000));
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return `${time} (in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'})`;
}

/** The words for a failed sign-in: the API's message, or the lockout with its retry time. */
function signInError(error: unknown): string {
  if (isGroupKitApiError(error) && error.code === 'too_many_attempts') {
    return error.retryAt
      ? `Too many failed sign-ins for this email. Try again at ${retryTime(error.retryAt)}.`
      : error.message;
  }
  return errorMessage(error);
}

/**
 * Email and password against `POST /v1/operator-session`. A refusal (wrong password,
 * lockout) is shown above the form and takes the focus, so it is read out at once; the
 * fields say they are invalid. Focus starts at the page's heading, followed by why the page
 * is showing (signed out, session ended).
 */
export function SignInPage({
  hint,
  purpose = 'Sign in to manage groups, members and users.',
}: SignInPageProps) {
  const id = useId();
  const signIn = useConsoleSession((state) => state.signIn);
  const notice = useConsoleSession((state) => state.notice);
  const checkError = useConsoleSession((state) => state.checkError);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await signIn({ email: email.trim(), password });
    } catch (failure) {
      setError(failure);
      setPassword('');
      setPending(false);
    }
  };
  const invalid = error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};

  return (
    <section className="demo-admin-section demo-admin-signin" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        Sign in
      </h2>
      {notice ? <p className="demo-admin-notice">{notice}</p> : null}
      <p>{purpose}</p>
      {checkError ? (
        <p className="demo-admin-error">Could not check your session: {errorMessage(checkError)}</p>
      ) : null}
      {error ? (
        <p
          id={`${id}-error`}
          ref={errorRef}
          tabIndex={-1}
          role="alert"
          className="demo-admin-error"
        >
          {signInError(error)}
        </p>
      ) : null}
      <form className="demo-admin-form" onSubmit={submit} aria-label="Sign in">
        <label className="demo-admin-field">
          Email
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            {...invalid}
          />
        </label>
        <label className="demo-admin-field">
          Password
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            {...invalid}
          />
        </label>
        <div className="demo-admin-actions">
          <button type="submit" aria-disabled={pending}>
            {pending ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
      {hint ? <div className="demo-admin-hint">{hint}</div> : null}
    </section>
  );
}
