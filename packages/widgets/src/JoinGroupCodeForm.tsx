'use client';
import type { GroupKitError, RedeemCodeResult } from '@groupkit/client';
import { useRedeemCode } from '@groupkit/react';
import {
  type FormEvent,
  forwardRef,
  type ReactNode,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import { errorKind, normalizeCode, useSecondsUntil } from './internal/joinGroupCodeFormState';
import { useMessages } from './locale';
import { joinGroupCodeFormEn } from './messages/joinGroupCodeForm';
import type { JoinGroupCodeFormMessages, SectionOverride } from './messages';
import type { JoinGroupCodeFormErrorKind } from './messages/joinGroupCodeForm';

/** A message the form shows under the input, as `renderError` receives it. */
export interface JoinGroupCodeFormError {
  /** Which message: an API code, `empty` (nothing typed), `network` or `unknown`. */
  kind: JoinGroupCodeFormErrorKind;
  /** The error behind it (`GroupKitApiError`, `GroupKitNetworkError`, …); `null` for `empty`. */
  cause: GroupKitError | null;
  /** While locked out (`too_many_attempts`): whole seconds left, ticking; otherwise 0. */
  secondsLeft: number;
}

/** The submit button's state, as `renderSubmit` receives it. */
export interface JoinGroupCodeFormSubmitState {
  /** A code is being checked. */
  pending: boolean;
  /** Too many wrong codes: the button stays disabled until the wait is over. */
  locked: boolean;
}

/**
 * Render props replace what a part shows, never the element itself: the form keeps the
 * element that carries the ids, roles, focus and disabled state, so accessibility holds
 * whatever you render. Each receives the part's state and the text it would have shown.
 */
export interface JoinGroupCodeFormProps {
  /**
   * Only accept codes of this group (slug or id); any other group's code is `code_invalid`.
   * @default undefined (a code of any group)
   * @example <JoinGroupCodeForm group="beta" />
   */
  group?: string;
  /**
   * Called once a code worked (`result.result` is `unchanged` when the user was already in).
   * @default undefined
   * @example <JoinGroupCodeForm onSuccess={(r) => navigate(`/groups/${r.group.slug}`)} />
   */
  onSuccess?: (result: RedeemCodeResult) => void;
  /**
   * Called when the API refused a code or could not be reached (not for an empty submit).
   * @default undefined
   * @example <JoinGroupCodeForm onError={(error) => log(error)} />
   */
  onError?: (error: GroupKitError) => void;
  /**
   * Override any of the strings (over `GroupKitLocaleProvider`'s catalogue); `label` is the
   * input's label, `errors` merges per code.
   * @default English, or the surrounding GroupKitLocaleProvider's
   * @example <JoinGroupCodeForm messages={{ label: 'Invite code', errors: { code_expired: 'Too late!' } }} />
   */
  messages?: SectionOverride<JoinGroupCodeFormMessages>;
  /**
   * Focus the input on mount (only where the form is what the user came for, e.g. a dialog).
   * @default false
   * @example <JoinGroupCodeForm autoFocus />
   */
  autoFocus?: boolean;
  /**
   * Drop the themed box (`groupkit-root`) and style it yourself; the part classes
   * (`groupkit-code-form-input`, …) and `data-unstyled` stay as hooks.
   * @default false
   * @example <JoinGroupCodeForm unstyled className="my-code-form" />
   */
  unstyled?: boolean;
  /**
   * Extra class on the `<form>`.
   * @default undefined
   * @example <JoinGroupCodeForm className="mt-4" />
   */
  className?: string;
  /**
   * The submit button's content.
   * @default the text (`Join`, `Checking…` while pending)
   * @example <JoinGroupCodeForm renderSubmit={(s, text) => (s.pending ? <Spinner /> : text)} />
   */
  renderSubmit?: (state: JoinGroupCodeFormSubmitState, text: string) => ReactNode;
  /**
   * The error message's content (inside the `role="alert"` element the input points to).
   * @default the text
   * @example <JoinGroupCodeForm renderError={(e, text) => <><Icon name="warning" /> {text}</>} />
   */
  renderError?: (error: JoinGroupCodeFormError, text: string) => ReactNode;
  /**
   * The success message's content (inside the focused `role="status"` element).
   * @default the text ("You joined Beta testers.")
   * @example <JoinGroupCodeForm renderSuccess={(r, text) => <a href={`/g/${r.group.slug}`}>{text}</a>} />
   */
  renderSuccess?: (result: RedeemCodeResult, text: string) => ReactNode;
}

/**
 * Join a private group with a campaign code. The ref reaches the `<input>`.
 * @example <JoinGroupCodeForm group="beta" onSuccess={(r) => toast(r.group.name)} />
 */
export const JoinGroupCodeForm = forwardRef<HTMLInputElement, JoinGroupCodeFormProps>(
  function JoinGroupCodeForm(
    {
      group,
      onSuccess,
      onError,
      messages,
      autoFocus,
      unstyled,
      className,
      renderSubmit,
      renderError,
      renderSuccess,
    },
    ref,
  ) {
    const { t, locale } = useMessages('joinGroupCodeForm', joinGroupCodeFormEn, messages);
    const { redeem, status, isPending: pending, data, error, retryAt, reset } = useRedeemCode();
    const [value, setValue] = useState('');
    const [empty, setEmpty] = useState(false);
    // Bumped per submit: a repeated message is a new element, so it is announced again.
    const [attempt, setAttempt] = useState(0);
    const inputRef = useRef<HTMLInputElement>(null);
    const successRef = useRef<HTMLParagraphElement>(null);
    const answerFocus = useRef(false);
    const pasted = useRef(false);
    const id = useId();
    useImperativeHandle(ref, () => inputRef.current as HTMLInputElement);

    // Locked by this answer or by an earlier one: the provider's lock (`retryAt`), set before
    // the answer reaches the hook, outlives the form.
    const until = retryAt?.getTime() ?? 0;
    const secondsLeft = useSecondsUntil(until);
    const locked = secondsLeft > 0;
    // Screen readers hear the wait once, as it was when the lock began; a text changing every
    // second inside an alert would be read out every second. The ticking copy is visual only.
    const [lockedFor, setLockedFor] = useState({ until: 0, seconds: 0 });
    if (locked && lockedFor.until !== until) setLockedFor({ until, seconds: secondsLeft });

    // After each answer, focus what the user needs next: the success message or the input.
    useEffect(() => {
      if (!answerFocus.current || pending) return;
      answerFocus.current = false;
      (status === 'success' ? successRef : inputRef).current?.focus();
    }, [status, pending, attempt]);

    let shown: JoinGroupCodeFormError | null = null;
    if (locked) shown = { kind: 'too_many_attempts', cause: error, secondsLeft };
    else if (empty) shown = { kind: 'empty', cause: null, secondsLeft: 0 };
    // A lockout that has run out clears its message (the hook is idle again once the lock
    // lifted; until then, nothing shows): the form works again.
    else if (error && !retryAt)
      shown = { kind: errorKind(error, t.errors), cause: error, secondsLeft: 0 };

    const submit = async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (pending || locked) return;
      const code = normalizeCode(value);
      setValue(code);
      setEmpty(!code);
      setAttempt((n) => n + 1);
      answerFocus.current = true;
      if (!code) return reset();
      const outcome = await redeem(code, group === undefined ? undefined : { group });
      if (outcome.ok) {
        setValue('');
        onSuccess?.(outcome.data);
      } else onError?.(outcome.error);
    };

    const errorId = `${id}-error`;
    const submitText = pending ? t.pending : t.submit;
    let message: ReactNode = null;
    if (shown) {
      const show = (e: JoinGroupCodeFormError, text: string) =>
        renderError ? renderError(e, text) : text;
      const heard = { ...shown, secondsLeft: lockedFor.seconds || secondsLeft };
      message = (
        <p
          key={attempt}
          id={errorId}
          className="groupkit-code-form-message groupkit-code-form-error groupkit-error"
          role="alert"
        >
          {locked ? (
            <>
              <span aria-hidden="true">{show(shown, t.tooManyAttempts(secondsLeft, locale))}</span>
              <span className="groupkit-visually-hidden">
                {show(heard, t.tooManyAttempts(heard.secondsLeft, locale))}
              </span>
            </>
          ) : (
            show(shown, t.errors[shown.kind])
          )}
        </p>
      );
    } else if (data) {
      const text = (data.result === 'unchanged' ? t.alreadyMember : t.joined)(data.group.name);
      message = (
        <p
          key={attempt}
          ref={successRef}
          className="groupkit-code-form-message groupkit-code-form-success"
          role="status"
          tabIndex={-1}
        >
          {renderSuccess ? renderSuccess(data, text) : text}
        </p>
      );
    }

    return (
      <form
        className={[!unstyled && 'groupkit-root', 'groupkit-code-form', className]
          .filter(Boolean)
          .join(' ')}
        data-unstyled={unstyled || undefined}
        aria-busy={pending}
        noValidate
        onSubmit={(event) => void submit(event)}
      >
        <label className="groupkit-code-form-label" htmlFor={`${id}-input`}>
          {t.label}
        </label>
        <div className="groupkit-code-form-row">
          <input
            ref={inputRef}
            id={`${id}-input`}
            className="groupkit-code-form-input"
            name="code"
            type="text"
            autoComplete="one-time-code"
            inputMode="text"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="done"
            autoFocus={autoFocus}
            readOnly={pending}
            value={value}
            aria-invalid={shown ? true : undefined}
            aria-describedby={shown ? errorId : undefined}
            onPaste={() => {
              pasted.current = true;
            }}
            onChange={(event) => {
              // A paste is taken whole ("  beta-2026 \n" → "BETA-2026"); typing keeps a
              // trailing space so two groups of characters can be typed apart.
              setValue(normalizeCode(event.target.value, pasted.current));
              pasted.current = false;
              setEmpty(false);
              if (status !== 'idle') reset();
            }}
          />
          <button className="groupkit-code-form-submit" type="submit" disabled={pending || locked}>
            {renderSubmit ? renderSubmit({ pending, locked }, submitText) : submitText}
          </button>
        </div>
        {message}
      </form>
    );
  },
);
