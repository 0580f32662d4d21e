'use client';
import type { MembershipSource } from '@groupkit/client';
import type { ComponentPropsWithoutRef } from 'react';

export interface GroupBadgeProps extends ComponentPropsWithoutRef<'span'> {
  /**
   * How the membership came to be; styles the badge via `data-source`.
   * @example <GroupBadge source="rule">Automatic</GroupBadge>
   */
  source: MembershipSource;
}

/** A small label for how a user came to be in a group (joined, code, assigned, automatic). */
export function GroupBadge({ source, className, ...props }: GroupBadgeProps) {
  return (
    <span
      {...props}
      data-source={source}
      className={className ? `groupkit-badge ${className}` : 'groupkit-badge'}
    />
  );
}
