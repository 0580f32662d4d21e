'use client';
import { useMemberships } from '@groupkit/react';
import { useId, useRef } from 'react';
import { MembershipListItem } from './internal/MembershipListItem';
import { useMessages } from './locale';
import { membershipListEn } from './messages/membershipList';
import type { MembershipListMessages, SectionOverride } from './messages';

export interface MembershipListProps {
  /**
   * Override any of the strings (over `GroupKitLocaleProvider`'s catalogue).
   * @default English, or the surrounding GroupKitLocaleProvider's
   * @example <MembershipList messages={{ heading: 'Team groups' }} />
   */
  messages?: SectionOverride<MembershipListMessages>;
  /**
   * Heading level of the list's title, to fit your page outline.
   * @default 2
   */
  headingLevel?: 2 | 3 | 4 | 5 | 6;
  /** Extra class on the root element. @default undefined */
  className?: string;
}

/**
 * The groups the signed-in user is in, each with how they came to be in it, and a leave
 * control on the groups they may leave themselves (open or code groups that do not keep
 * their members; leaving a code group asks first).
 * @example <MembershipList headingLevel={3} />
 */
export function MembershipList({ messages, headingLevel = 2, className }: MembershipListProps) {
  const { t } = useMessages('membershipList', membershipListEn, messages);
  const memberships = useMemberships();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const Heading = `h${headingLevel}` as const;

  let body: React.ReactNode;
  if (memberships.status === 'loading') {
    body = (
      <p className="groupkit-memberships-status" role="status">
        {t.loading}
      </p>
    );
  } else if (memberships.status === 'error') {
    body = (
      <p className="groupkit-memberships-status groupkit-error" role="alert">
        {t.error}
      </p>
    );
  } else if (memberships.data.length === 0) {
    body = <p className="groupkit-memberships-status">{t.empty}</p>;
  } else {
    body = (
      <ul className="groupkit-memberships-items" aria-labelledby={headingId}>
        {memberships.data.map((m) => (
          <MembershipListItem
            key={m.groupId}
            membership={m}
            t={t}
            onLeft={() => headingRef.current?.focus()}
          />
        ))}
      </ul>
    );
  }

  return (
    <section
      className={
        className
          ? `groupkit-root groupkit-memberships ${className}`
          : 'groupkit-root groupkit-memberships'
      }
      aria-labelledby={headingId}
      aria-busy={memberships.status === 'loading'}
    >
      <Heading id={headingId} ref={headingRef} tabIndex={-1} className="groupkit-heading">
        {t.heading}
      </Heading>
      {body}
    </section>
  );
}
