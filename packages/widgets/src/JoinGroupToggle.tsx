'use client';
import type { GroupKitError, UserGroup } from '@groupkit/client';
import { useMembershipToggle } from '@groupkit/react';
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type MouseEventHandler,
  type ReactNode,
  useId,
} from 'react';
import { changeErrorText } from './internal/changeErrorText';
import { formatDate, useMessages } from './locale';
import type { JoinGroupToggleMessages, SectionOverride } from './messages';
import { joinGroupToggleEn } from './messages/joinGroupToggle';

/** What the render props see: the switch's state as shown. */
export interface JoinGroupToggleState {
  /** The group, once known: `undefined` while loading, or when the directory does not list it. */
  group: UserGroup | undefined;
  /** Whether the switch shows the user as a member. */
  checked: boolean;
  /** A join or leave of this group (from anywhere in the app) is queued or on the wire. */
  pending: boolean;
  /** The group or the memberships are still loading. */
  loading: boolean;
  /** Why the user cannot change this membership, as shown (e.g. "Assigned automatically"); `null` when they can. */
  lockedReason: string | null;
}

/**
 * Every prop not listed here (`style`, `data-*`, `aria-label`, handlers, …) goes on the switch,
 * the element with `role="switch"`, as the `ref` does; `className` and `rootProps` go on the
 * root. The switch's id, type, state and ARIA links are the widget's own.
 */
export interface JoinGroupToggleProps extends Omit<
  ComponentPropsWithoutRef<'button'>,
  | 'children'
  | 'className'
  | 'disabled'
  | 'id'
  | 'onChange'
  | 'onClick'
  | 'onError'
  | 'role'
  | 'type'
  | 'aria-busy'
  | 'aria-checked'
  | 'aria-describedby'
  | 'aria-disabled'
  | 'aria-labelledby'
> {
  /**
   * The group: its slug or id (looked up in the directory, `useUserGroups({ includeScheduled: true })`),
   * or the `UserGroup` object itself (e.g. from a directory you render). A group the directory
   * does not list shows locked: a hidden one the user is in by its name from the membership
   * ("Managed by your admin" / "Assigned automatically"), any other as "Not available".
   * Required: there is no default.
   * @example <JoinGroupToggle group="newsletter" />
   * @example groups.data.map((g) => <JoinGroupToggle key={g.id} group={g} />)
   */
  group: string | UserGroup;
  /**
   * Controlled: the state the switch shows. A click then only calls `onCheckedChange`; your
   * code decides whether (and how) to join or leave, e.g. to batch choices in one
   * `useChangeMemberships` call.
   * @default undefined (uncontrolled: the user's membership, pending changes included; a click joins or leaves)
   * @example <JoinGroupToggle group="newsletter" checked={chosen} onCheckedChange={setChosen} />
   */
  checked?: boolean;
  /**
   * Called with the requested state on every click the switch accepts (not when locked, loading
   * or after your `onClick` called `preventDefault()`), controlled or not.
   * @default undefined
   * @example <JoinGroupToggle group="newsletter" onCheckedChange={(on) => track('newsletter', on)} />
   */
  onCheckedChange?: (checked: boolean) => void;
  /**
   * Uncontrolled only: the server confirmed the join.
   * @default undefined
   * @example <JoinGroupToggle group="community" onJoined={() => toast('Welcome!')} />
   */
  onJoined?: () => void;
  /**
   * Uncontrolled only: the server confirmed the leave.
   * @default undefined
   * @example <JoinGroupToggle group="community" onLeft={() => toast('You left the forum.')} />
   */
  onLeft?: () => void;
  /**
   * Uncontrolled only: the join or leave was refused or never arrived. The switch is already
   * rolled back and the error announced; this is for reporting.
   * @default undefined
   * @example <JoinGroupToggle group="community" onError={(error) => Sentry.captureException(error)} />
   */
  onError?: (error: GroupKitError) => void;
  /**
   * Runs before the switch toggles; `event.preventDefault()` stops the toggle (keyboard too:
   * Space and Enter click the native button).
   * @default undefined
   * @example <JoinGroupToggle group="pro" onClick={(e) => { if (!confirm('Sure?')) e.preventDefault(); }} />
   */
  onClick?: MouseEventHandler<HTMLButtonElement>;
  /**
   * Override any of the strings (over `GroupKitLocaleProvider`'s catalogue).
   * @default English, or the surrounding GroupKitLocaleProvider's
   * @example <JoinGroupToggle group="beta" messages={{ code: 'Ask support for a code' }} />
   */
  messages?: SectionOverride<JoinGroupToggleMessages>;
  /**
   * Drop GroupKit's look (no `groupkit-root` class, `data-unstyled` set) and style the stable
   * part classes (`groupkit-toggle-label`, `-description`, `-reason`, `-switch`, `-thumb`,
   * `-error`) and `data-state` / `data-disabled` / `aria-busy` yourself.
   * @default false
   * @example <JoinGroupToggle group="newsletter" unstyled className="flex gap-2" />
   */
  unstyled?: boolean;
  /**
   * Extra class on the root element (like every widget's `className`; the switch keeps its
   * part class `groupkit-toggle-switch`).
   * @default undefined
   * @example <JoinGroupToggle group="newsletter" className="settings-row" />
   */
  className?: string;
  /**
   * Props for the root `<div>` (the row holding label, description, switch and alert); its
   * class comes from `className`. Every other prop goes on the switch.
   * @default undefined
   * @example <JoinGroupToggle group="newsletter" rootProps={{ id: 'newsletter-row', 'data-testid': 'row' }} />
   */
  rootProps?: Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'className'> & {
    [data: `data-${string}`]: string | undefined;
  };
  /**
   * Render prop for the label's content; the `<label>` (its id, the switch's name) stays ours.
   * @default the group's name, as text
   * @example <JoinGroupToggle group="newsletter" renderLabel={(name) => <strong>{name}</strong>} />
   */
  renderLabel?: (name: string, state: JoinGroupToggleState) => ReactNode;
  /**
   * Render prop for the description's content (the switch's `aria-describedby`). A lock
   * reason is always shown before it, so it can never be hidden by mistake.
   * @default the group's description, as text
   * @example renderDescription={(text, { group }) => `${text} ${group?.memberCount ?? 0} members.`}
   */
  renderDescription?: (description: string, state: JoinGroupToggleState) => ReactNode;
  /**
   * Render prop for the alert's content after a failed change (`role="alert"` stays ours).
   * @default "Could not join {name}." and a sentence per error code, from `messages`
   * @example renderError={(error, t) => <>{t.errors.fallback} <a href="/help">Get help</a></>}
   */
  renderError?: (
    error: GroupKitError,
    messages: JoinGroupToggleMessages,
    state: JoinGroupToggleState,
  ) => ReactNode;
}

/**
 * A switch to join or leave one open group. Optimistic (the hooks roll a refused change
 * back), announces failures in an alert beside the switch, and shows groups the user cannot
 * change as locked, with the reason as the switch's description. Its state and lock rules are
 * `useMembershipToggle`'s (build your own switch on it); the `ref` and other props reach the
 * switch.
 * @example
 * <GroupKitProvider apiKey="pk_test_groupkit" userId="u_ada">
 *   <JoinGroupToggle group="newsletter" onJoined={() => toast('Subscribed')} />
 * </GroupKitProvider>
 */
export const JoinGroupToggle = forwardRef<HTMLButtonElement, JoinGroupToggleProps>(
  function JoinGroupToggle(
    {
      group,
      checked,
      onCheckedChange,
      onJoined,
      onLeft,
      onError,
      onClick,
      messages,
      unstyled,
      className,
      rootProps,
      renderLabel,
      renderDescription,
      renderError,
      ...props
    },
    ref,
  ) {
    const { t, locale } = useMessages('joinGroupToggle', joinGroupToggleEn, messages);
    // The switch's state and policy live in @groupkit/react: here, only words and markup.
    const toggleState = useMembershipToggle(group, { checked });
    const { group: found, name, checked: on, loading, lockReason, error, toggle } = toggleState;
    const id = useId();
    const skeleton = loading && !found;
    const reason =
      lockReason &&
      (lockReason === 'scheduled'
        ? t.opensOn(formatDate(found?.startsAt as string, locale))
        : t[lockReason]);
    const state: JoinGroupToggleState = { ...toggleState, lockedReason: reason };

    return (
      <div
        {...rootProps}
        className={`${unstyled ? '' : 'groupkit-root '}groupkit-toggle${className ? ` ${className}` : ''}`}
        data-unstyled={unstyled ? '' : undefined}
      >
        <label id={id} htmlFor={`${id}s`} className="groupkit-toggle-label">
          {skeleton ? (
            <span className="groupkit-toggle-skeleton">
              <span className="groupkit-visually-hidden">{t.loading}</span>
            </span>
          ) : renderLabel ? (
            renderLabel(name, state)
          ) : (
            name
          )}
        </label>
        <span id={`${id}d`} className="groupkit-toggle-description">
          {reason && <span className="groupkit-toggle-reason">{reason}</span>}
          {skeleton ? (
            <span className="groupkit-toggle-skeleton" />
          ) : renderDescription ? (
            renderDescription(found?.description ?? '', state)
          ) : (
            found?.description
          )}
        </span>
        <button
          {...props}
          ref={ref}
          id={`${id}s`}
          type="button"
          role="switch"
          className="groupkit-toggle-switch"
          aria-checked={on}
          data-state={on ? 'checked' : 'unchecked'}
          aria-labelledby={id}
          aria-describedby={error ? `${id}d ${id}e` : `${id}d`}
          aria-busy={toggleState.pending || loading}
          aria-disabled={!!reason || undefined}
          data-disabled={reason || loading ? '' : undefined}
          disabled={loading}
          onClick={(event) => {
            onClick?.(event);
            // A loading switch is `disabled`: no click reaches it.
            if (event.defaultPrevented || reason) return;
            onCheckedChange?.(!on);
            // Controlled: the parent decides whether (and how) to join or leave.
            if (checked === undefined)
              void toggle(!on).then((outcome) =>
                outcome.ok ? (on ? onLeft : onJoined)?.() : onError?.(outcome.error),
              );
          }}
        >
          <span className="groupkit-toggle-thumb" />
        </button>
        <p id={`${id}e`} role="alert" className="groupkit-toggle-error">
          {error &&
            (renderError
              ? renderError(error, t, state)
              : `${(on ? t.leaveFailed : t.joinFailed)(name)} ${changeErrorText(error, t.errors)}`)}
        </p>
      </div>
    );
  },
);
