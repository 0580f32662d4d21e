'use client';
import { useMemberships, useUserGroups } from '@groupkit/react';
import { type ReactNode, useId } from 'react';
import { useMessages } from './locale';
import type { OnboardingMessages, SectionOverride } from './messages';
import { onboardingEn } from './messages/onboarding';
import type {
  OnboardingChecklistItem,
  OnboardingChecklistState,
} from './onboarding/checklistItems';
import { ProgressBar } from './onboarding/ProgressBar';

export type {
  OnboardingChecklistItem,
  OnboardingChecklistState,
} from './onboarding/checklistItems';

export interface OnboardingChecklistProps {
  /**
   * The items, in order: your own, or the presets `joinAnyGroupItem()`, `redeemCodeItem()` and
   * `joinGroupItem(slug)` (each takes overrides). Keep the array stable (a constant or `useMemo`).
   * @example items={[joinAnyGroupItem({ href: '/groups' }), redeemCodeItem(), joinGroupItem('newsletter', { label: 'Subscribe to the newsletter' })]}
   */
  items: OnboardingChecklistItem[];
  /**
   * The checklist's heading.
   * @default the `checklistHeading` message ("Get started")
   */
  heading?: ReactNode;
  /**
   * Override any of the strings (over `GroupKitLocaleProvider`'s catalogue).
   * @default English, or the surrounding GroupKitLocaleProvider's
   * @example <OnboardingChecklist items={items} messages={{ checklistHeading: 'Your first week' }} />
   */
  messages?: SectionOverride<OnboardingMessages>;
  /**
   * Heading level, to fit your page outline.
   * @default 2
   */
  headingLevel?: 2 | 3 | 4 | 5 | 6;
  /**
   * Drop the themed box (`groupkit-root`) and mark the root `data-unstyled`; the part classes
   * (`groupkit-checklist-*`) and `data-state="done|todo"` on items stay, to style from scratch.
   * @default false
   */
  unstyled?: boolean;
  /** Extra class on the root element. @default undefined */
  className?: string;
  /**
   * Replaces the content of one item (the `<li>` with its `data-state` stays): wrap, extend or
   * replace `defaultItem` (the check mark, the state for screen readers and the label).
   * @default the mark, "Done:" / "To do:" (visually hidden) and the label, a link or button until done
   * @example renderItem={(item, done, node) => <>{node}{done && <small>Nice!</small>}</>}
   */
  renderItem?: (item: OnboardingChecklistItem, done: boolean, defaultItem: ReactNode) => ReactNode;
}

/**
 * A checklist whose items tick themselves from the user's real memberships ("Join a group",
 * "Redeem your invite code"), with "2 of 3 done" and a progress bar, announced as it changes.
 * @example
 * <OnboardingChecklist items={[joinAnyGroupItem({ href: '/groups' }), redeemCodeItem(), joinGroupItem('newsletter')]} />
 */
export function OnboardingChecklist({
  items,
  heading,
  messages,
  headingLevel = 2,
  unstyled,
  className,
  renderItem,
}: OnboardingChecklistProps) {
  const { t, locale } = useMessages('onboarding', onboardingEn, messages);
  const memberships = useMemberships().data;
  const groups = useUserGroups().data;
  const uid = useId();
  const Heading = `h${headingLevel}` as const;
  const state: OnboardingChecklistState | null =
    memberships && groups ? { memberships, groups } : null;
  const rows = state ? items.map((item) => ({ item, done: item.done(state) })) : [];
  const count = rows.filter((r) => r.done).length;

  return (
    <section
      className={[!unstyled && 'groupkit-root', 'groupkit-checklist', className]
        .filter(Boolean)
        .join(' ')}
      data-unstyled={unstyled || undefined}
      aria-labelledby={`${uid}h`}
      aria-busy={!state}
    >
      <Heading id={`${uid}h`} className="groupkit-heading">
        {heading ?? t.checklistHeading}
      </Heading>
      <div className="groupkit-onboarding-progress">
        <ProgressBar
          live
          value={count}
          max={items.length}
          text={state ? t.checklistProgress(count, items.length, locale) : t.checklistLoading}
        />
      </div>
      {state && (
        <ul className="groupkit-checklist-items" aria-labelledby={`${uid}h`}>
          {rows.map(({ item, done }) => {
            const label = typeof item.label === 'function' ? item.label(t, state) : item.label;
            const node = (
              <>
                <span className="groupkit-checklist-mark" aria-hidden="true">
                  {done ? '✓' : ''}
                </span>
                <span className="groupkit-visually-hidden">{done ? t.itemDone : t.itemTodo} </span>
                {done || !(item.href || item.onSelect) ? (
                  <span className="groupkit-checklist-label">{label}</span>
                ) : item.href ? (
                  <a className="groupkit-checklist-label" href={item.href} onClick={item.onSelect}>
                    {label}
                  </a>
                ) : (
                  <button
                    type="button"
                    className="groupkit-checklist-label"
                    onClick={item.onSelect}
                  >
                    {label}
                  </button>
                )}
              </>
            );
            return (
              <li
                key={item.id}
                className="groupkit-checklist-item"
                data-state={done ? 'done' : 'todo'}
              >
                {renderItem ? renderItem(item, done, node) : node}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
