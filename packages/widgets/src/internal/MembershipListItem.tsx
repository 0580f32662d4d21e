'use client';
import type { Membership } from '@groupkit/client';
import { useMembershipToggle } from '@groupkit/react';
import { useEffect, useRef, useState } from 'react';
import { GroupBadge } from '../GroupBadge';
import { useMessages } from '../locale';
import type { MembershipListMessages } from '../messages';
import { joinGroupToggleEn } from '../messages/joinGroupToggle';
import { changeErrorText } from './changeErrorText';

export interface MembershipListItemProps {
  membership: Membership;
  t: MembershipListMessages;
  /** Where focus goes once the item is gone (left): the list's heading. */
  onLeft: () => void;
}

/**
 * One membership: its name and source, and a leave control where the user may leave: a group
 * they could join themselves (open, or with a code) that does not keep its members. The
 * directory decides; a group it does not list (hidden) shows no control. Leaving a code group
 * asks first, since joining again needs a code. A refused leave puts the row back (the hooks
 * roll it back) with the reason in an alert, the same sentences as the toggle's.
 */
export function MembershipListItem({ membership, t, onLeft }: MembershipListItemProps) {
  const { t: toggle } = useMessages('joinGroupToggle', joinGroupToggleEn);
  // The switch's state for this group (`useMembershipToggle`): the directory's group, the
  // lock rule, whether a change of it is on its way, its last failure; `toggle(false)` leaves.
  const {
    group,
    lockReason,
    pending,
    error,
    toggle: change,
  } = useMembershipToggle(membership.slug);
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const leaveRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) leaveRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  // Where the toggle would let a member leave (`membershipLockReason`): never while the
  // directory loads, nor from a group it does not list.
  const mayLeave = group && !lockReason;
  const doLeave = () => {
    wasAsking.current = false;
    setAsking(false);
    // The row leaves the list at once (optimistic): focus must not be lost with it.
    onLeft();
    void change(false);
  };

  return (
    <li className="groupkit-memberships-item">
      <span className="groupkit-memberships-name">{membership.name}</span>
      <span className="groupkit-memberships-actions">
        <GroupBadge source={membership.source}>{t.source[membership.source]}</GroupBadge>
        {mayLeave && !asking ? (
          <button
            ref={leaveRef}
            type="button"
            className="groupkit-memberships-leave"
            aria-label={t.leaveLabel(membership.name)}
            aria-busy={pending}
            disabled={pending}
            onClick={() => (group.joinType === 'code' ? setAsking(true) : doLeave())}
          >
            {t.leave}
          </button>
        ) : null}
      </span>
      {asking ? (
        <span
          role="group"
          aria-label={t.confirmCodeLeave(membership.name)}
          className="groupkit-memberships-confirm"
          onKeyDown={(event) => {
            if (event.key === 'Escape') setAsking(false);
          }}
        >
          <span>{t.confirmCodeLeave(membership.name)}</span>
          <button
            ref={confirmRef}
            type="button"
            className="groupkit-memberships-leave"
            onClick={doLeave}
          >
            {t.confirmLeave}
          </button>
          <button
            type="button"
            className="groupkit-memberships-leave"
            onClick={() => setAsking(false)}
          >
            {t.cancel}
          </button>
        </span>
      ) : null}
      {error ? (
        <p role="alert" className="groupkit-memberships-error groupkit-error">
          {`${toggle.leaveFailed(membership.name)} ${changeErrorText(error, toggle.errors)}`}
        </p>
      ) : null}
    </li>
  );
}
