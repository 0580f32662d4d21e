'use client';
import type { GroupKitError, UserGroup } from '@groupkit/client';
import {
  useIsMember,
  useJoinGroup,
  useLeaveGroup,
  useMembership,
  useUserGroup,
} from '@groupkit/react';
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type MouseEventHandler,
  type ReactNode,
  useId,
} from 'react';
import { changeErrorText } from './internal/changeErrorText';
import { useControllableState } from './internal/useControllableState';
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

export interface JoinGroupToggleProps extends Omit<
  ComponentPropsWithoutRef<'div'>,
  'children' | 'onChange' | 'onClick' | 'onError'
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
   * Extra class on the root element.
   * @default undefined
   * @example <JoinGroupToggle group="newsletter" className="settings-row" />
   */
  className?: string;
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
 * change as locked, with the reason as the switch's description.
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
      renderLabel,
      renderDescription,
      renderError,
      ...props
    },
    ref,
  ) {
    const { t, locale } = useMessages('joinGroupToggle', joinGroupToggleEn, messages);
    const byKey = typeof group === 'string';
    const key = byKey ? group : group.slug;
    // One group and one membership each, not the lists: in a directory of 1,000 toggles,
    // toggling one re-renders that one only.
    const directoryGroup = useUserGroup(key);
    const serverMembership = useMembership(key);
    const { join, isPending, error } = useJoinGroup(key);
    const { leave } = useLeaveGroup(key);
    const id = useId();

    const [value, setValue] = useControllableState({
      prop: checked,
      defaultProp: useIsMember(key),
      onChange: onCheckedChange,
      setUncontrolled: async (next: boolean) => {
        const outcome = await (next ? join() : leave());
        if (!outcome.ok) onError?.(outcome.error);
        else (next ? onJoined : onLeft)?.();
      },
    });

    const found = byKey ? (directoryGroup.data ?? undefined) : group;
    // A hidden group (e.g. one an admin put the user in) is not in the directory, but its
    // membership still names it.
    const membership = found ? undefined : (serverMembership.data ?? undefined);
    const loading =
      directoryGroup.status !== 'error' &&
      (value === undefined || (!found && directoryGroup.status === 'loading'));
    const on = value === true;

    const skeleton = loading && !found;
    const reason = skeleton
      ? null
      : found?.type === 'automatic' || membership?.source === 'rule'
        ? t.automatic
        : !found
          ? membership
            ? t.adminOnly
            : t.unavailable
          : found.joinType === null
            ? t.adminOnly
            : on
              ? // A member may leave a group they could join (open or code), whatever its
                // window, unless it keeps its members (`allowLeave` is absent on older servers).
                found.allowLeave === false
                ? t.keepsMembers
                : null
              : found.status === 'ended'
                ? t.closed
                : found.status === 'scheduled'
                  ? t.opensOn(formatDate(found.startsAt as string, locale))
                  : found.joinType === 'code'
                    ? t.code
                    : null;
    const locked = reason !== null;
    const name = found?.name ?? membership?.name ?? key;
    const state: JoinGroupToggleState = {
      group: found,
      checked: on,
      pending: isPending,
      loading,
      lockedReason: reason,
    };

    return (
      <div
        {...props}
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
          ref={ref}
          id={`${id}s`}
          type="button"
          role="switch"
          className="groupkit-toggle-switch"
          aria-checked={on}
          data-state={on ? 'checked' : 'unchecked'}
          aria-labelledby={id}
          aria-describedby={error ? `${id}d ${id}e` : `${id}d`}
          aria-busy={isPending || loading}
          aria-disabled={locked || undefined}
          data-disabled={locked || loading ? '' : undefined}
          disabled={loading}
          onClick={(event) => {
            onClick?.(event);
            // A loading switch is `disabled`: no click reaches it.
            if (!event.defaultPrevented && !locked) setValue(!on);
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
