import { useEffect, useId, useRef, useState } from 'react';

export interface OneTimeSecretProps {
  /** The panel's heading, e.g. "Password for sam@example.com". */
  title: string;
  /** What the secret is, for the field and the copy button: "password", "key". */
  noun: string;
  /** What to do with it. */
  hint: string;
  value: string;
  /** Closes the panel: the secret is gone for good then. */
  onDone: () => void;
}

/**
 * A secret the API made (a new operator's password, a new API key), shown this once (only
 * its hash is kept): a read-only field to select from, a copy button, and Done. Focus moves
 * here when it opens.
 */
export function OneTimeSecret({ title, noun, hint, value, onDone }: OneTimeSecretProps) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState('');
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied(`Could not copy: select the ${noun} and copy it yourself.`);
    }
  };
  return (
    <section className="demo-admin-subsection demo-admin-secret" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {title}
      </h3>
      <p id={`${id}-hint`}>{hint}</p>
      <div className="demo-admin-actions">
        <label>
          One-time {noun}
          <input
            readOnly
            value={value}
            aria-describedby={`${id}-hint`}
            spellCheck={false}
            autoComplete="off"
            data-testid={`one-time-${noun.replaceAll(' ', '-')}`}
            onFocus={(e) => e.currentTarget.select()}
          />
        </label>
        <button type="button" onClick={copy}>
          Copy {noun}
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
        <span role="status">{copied}</span>
      </div>
    </section>
  );
}
