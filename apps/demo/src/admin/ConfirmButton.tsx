import { useEffect, useRef, useState } from 'react';

export interface ConfirmButtonProps {
  /** The button's text, e.g. "Delete". */
  children: string;
  /** Accessible name of the button when its text alone is ambiguous (e.g. "Delete Pro"). */
  label?: string;
  /** Asked before acting, e.g. "Delete “Pro” and its 12 memberships?". */
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
}

/**
 * A destructive action that asks first, inline: focus moves to the confirm button, Escape
 * or Cancel backs out and puts focus back on the button that asked.
 */
export function ConfirmButton({
  children,
  label,
  question,
  confirmLabel,
  onConfirm,
  disabled,
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const askedRef = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (askedRef.current) triggerRef.current?.focus();
    askedRef.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={triggerRef}
        type="button"
        aria-label={label}
        onClick={() => setAsking(true)}
        disabled={disabled}
      >
        {children}
      </button>
    );
  }
  return (
    <span
      role="group"
      aria-label={question}
      className="demo-admin-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setAsking(false);
      }}
    >
      <span>{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className="demo-admin-danger"
        onClick={() => {
          askedRef.current = false;
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
