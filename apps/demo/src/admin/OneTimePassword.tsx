import { useEffect, useId, useRef, useState } from 'react';

export interface OneTimePasswordProps {
  email: string;
  password: string;
  /** Closes the panel: the password is gone for good then. */
  onDone: () => void;
}

/**
 * The password the API made for a new operator, shown this once (only its hash is kept):
 * a read-only field to select from, a copy button, and Done. Focus moves here when it opens.
 */
export function OneTimePassword({ email, password, onDone }: OneTimePasswordProps) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState('');
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('Could not copy: select the password and copy it yourself.');
    }
  };
  return (
    <section className="demo-admin-subsection demo-admin-secret" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        Password for {email}
      </h3>
      <p id={`${id}-hint`}>
        Give it to them over a safe channel: it is shown only this once, and they sign in with it.
      </p>
      <div className="demo-admin-actions">
        <label>
          One-time password
          <input
            readOnly
            value={password}
            aria-describedby={`${id}-hint`}
            spellCheck={false}
            autoComplete="off"
            data-testid="one-time-password"
            onFocus={(e) => e.currentTarget.select()}
          />
        </label>
        <button type="button" onClick={copy}>
          Copy password
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
        <span role="status">{copied}</span>
      </div>
    </section>
  );
}
