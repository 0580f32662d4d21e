'use client';
import type { GroupKitError, MembershipSource, UserGroup } from '@groupkit/client';
import { memo, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { GroupBadge } from './GroupBadge';
import { GroupDirectorySkeleton } from './internal/groupDirectorySkeleton';
import { useGroupDirectory } from './internal/groupDirectoryState';
import { JoinGroupCodeForm } from './JoinGroupCodeForm';
import { JoinGroupToggle } from './JoinGroupToggle';
import { formatDate, useMessages } from './locale';
import { groupDirectoryEn } from './messages/groupDirectory';
import type { GroupDirectoryMessages, SectionOverride } from './messages';

/**
 * Props of `GroupDirectory`. Parts are replaced through `render*` props: each returns what the
 * part shows instead of the default, and gets what it needs to stay functional (`retry`, the
 * group, the default row).
 */
export interface GroupDirectoryProps {
  /**
   * Also list groups that open later, each with "Opens on {date}" instead of a control.
   * @default false
   * @example <GroupDirectory includeScheduled />
   */
  includeScheduled?: boolean;
  /**
   * Only these groups (slugs or ids), in the directory's order: a hand-picked choice, such as
   * an onboarding step's.
   * @default undefined (every group in the directory)
   * @example <GroupDirectory groups={['newsletter', 'community']} />
   */
  groups?: readonly string[];
  /**
   * Rows shown at first and added by each "Show more"; with more groups than this, a search
   * field appears too.
   * @default 50
   * @example <GroupDirectory pageSize={20} />
   */
  pageSize?: number;
  /**
   * Placeholder rows while loading: set it to your directory's usual length so nothing moves
   * when the groups arrive.
   * @default 6
   * @example <GroupDirectory loadingRows={3} />
   */
  loadingRows?: number;
  /**
   * Override any of the strings (over `GroupKitLocaleProvider`'s catalogue).
   * @default English, or the surrounding GroupKitLocaleProvider's
   * @example <GroupDirectory messages={{ heading: 'Communities' }} />
   */
  messages?: SectionOverride<GroupDirectoryMessages>;
  /**
   * Heading level of the directory's title, to fit your page outline.
   * @default 2
   * @example <GroupDirectory headingLevel={3} />
   */
  headingLevel?: 2 | 3 | 4 | 5 | 6;
  /**
   * Drop the themed box (`groupkit-root`) and mark the root `data-unstyled`; the part classes
   * (`groupkit-directory-*`) stay, to style from scratch. Passed on to the toggles and code forms.
   * @default false
   * @example <GroupDirectory unstyled className="my-directory" />
   */
  unstyled?: boolean;
  /**
   * Extra class on the root element.
   * @default undefined
   * @example <GroupDirectory className="settings-card" />
   */
  className?: string;
  /**
   * Replaces the loading skeleton (the region stays `aria-busy` meanwhile).
   * @default placeholder rows (`loadingRows`)
   * @example <GroupDirectory renderLoading={() => <Spinner />} />
   */
  renderLoading?: () => ReactNode;
  /**
   * Replaces the text shown when there are no groups.
   * @default the `empty` message
   * @example <GroupDirectory renderEmpty={() => <p>Nothing here yet. <a href="/new">Suggest a group</a></p>} />
   */
  renderEmpty?: () => ReactNode;
  /**
   * Replaces the error message and its Retry button; call `retry` to load again.
   * @default the `error` message (role="alert") and a Retry button
   * @example <GroupDirectory renderError={(retry) => <button onClick={retry}>Try again</button>} />
   */
  renderError?: (retry: () => void, error: GroupKitError) => ReactNode;
  /**
   * Replaces the content of one row (the `<li>` stays): wrap, extend or replace `defaultItem`.
   * @default name, description and the group's control
   * @example <GroupDirectory renderItem={(group, item) => <>{item}<a href={`/groups/${group.slug}`}>Details</a></>} />
   */
  renderItem?: (group: UserGroup, defaultItem: ReactNode) => ReactNode;
}

/**
 * The groups a user can browse: a switch for open groups, "Have a code?" for code groups, and
 * the state of automatic and scheduled ones. Paginated and searchable for long directories.
 * @example
 * <GroupKitProvider apiKey="pk_test_groupkit" userId={user.id}>
 *   <GroupDirectory includeScheduled />
 * </GroupKitProvider>
 */
export function GroupDirectory({
  includeScheduled = false,
  groups,
  pageSize = 50,
  loadingRows = 6,
  messages,
  headingLevel = 2,
  unstyled,
  className,
  renderLoading,
  renderEmpty,
  renderError,
  renderItem,
}: GroupDirectoryProps) {
  const { t, locale } = useMessages('groupDirectory', groupDirectoryEn, messages);
  const { listRef, ...d } = useGroupDirectory({ includeScheduled, pageSize, groups });
  const id = useId();
  const Heading = `h${headingLevel}` as const;

  let body: ReactNode;
  let status = '';
  if (d.error) {
    body = renderError ? (
      renderError(d.retry, d.error)
    ) : (
      <div className="groupkit-directory-error">
        <p role="alert" className="groupkit-directory-status groupkit-error">
          {t.error}
        </p>
        <button type="button" className="groupkit-directory-retry" onClick={d.retry}>
          {t.retry}
        </button>
      </div>
    );
  } else if (!d.all || d.loading) {
    status = t.loading;
    body = renderLoading ? renderLoading() : <GroupDirectorySkeleton rows={loadingRows} />;
  } else if (d.all.length === 0) {
    body = renderEmpty ? renderEmpty() : <p className="groupkit-directory-status">{t.empty}</p>;
  } else {
    if (d.searching) status = t.results(d.matches.length, locale);
    body = (
      <>
        {d.all.length > pageSize && (
          <div className="groupkit-directory-search">
            <label htmlFor={`${id}s`}>{t.search}</label>
            <input
              id={`${id}s`}
              type="search"
              autoComplete="off"
              value={d.query}
              onChange={(event) => d.setQuery(event.target.value)}
            />
          </div>
        )}
        {d.rows.length ? (
          <ul ref={listRef} className="groupkit-directory-items" aria-labelledby={`${id}h`}>
            {d.rows.map((group) => (
              <GroupDirectoryRow
                key={group.id}
                group={group}
                source={d.sources.get(group.id)}
                t={t}
                locale={locale}
                unstyled={unstyled}
                renderItem={renderItem}
              />
            ))}
          </ul>
        ) : (
          <p className="groupkit-directory-status">{t.noResults}</p>
        )}
        {d.more > 0 && (
          <button type="button" className="groupkit-directory-more" onClick={d.showMore}>
            {t.showMore(d.more, locale)}
          </button>
        )}
      </>
    );
  }

  return (
    <section
      className={[!unstyled && 'groupkit-root', 'groupkit-directory', className]
        .filter(Boolean)
        .join(' ')}
      data-unstyled={unstyled || undefined}
      aria-labelledby={`${id}h`}
      aria-busy={d.loading && !d.error}
    >
      <Heading id={`${id}h`} className="groupkit-heading">
        {t.heading}
      </Heading>
      {/* Always mounted, so screen readers announce its changes (the search's count). */}
      <p role="status" className="groupkit-visually-hidden">
        {status}
      </p>
      {body}
    </section>
  );
}

interface GroupDirectoryRowProps {
  group: UserGroup;
  /** How the user is in the group, when they are (rows without a toggle show it). */
  source: MembershipSource | undefined;
  t: GroupDirectoryMessages;
  locale: string;
  unstyled: boolean | undefined;
  renderItem: ((group: UserGroup, defaultItem: ReactNode) => ReactNode) | undefined;
}

/**
 * One directory row. Memoised: when a membership changes, the directory's re-render reaches
 * only the row whose `source` changed.
 */
const GroupDirectoryRow = memo(function GroupDirectoryRow({
  group,
  source,
  t,
  locale,
  unstyled,
  renderItem,
}: GroupDirectoryRowProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const rowRef = useRef<HTMLLIElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Set when the form closes: focus goes back to its button after the commit (to the row
  // when the button is gone because the code made the user a member).
  const refocus = useRef(false);

  useEffect(() => {
    if (refocus.current) (buttonRef.current ?? rowRef.current)?.focus();
    refocus.current = false;
  }, [open]);

  const scheduled = group.status === 'scheduled';
  const isCode = !scheduled && group.joinType === 'code';

  let item: ReactNode;
  if (!scheduled && group.joinType === 'open') {
    // The toggle shows the name and description itself, as the switch's label and description.
    item = (
      <JoinGroupToggle group={group} unstyled={unstyled} className="groupkit-directory-toggle" />
    );
  } else {
    item = (
      <>
        <div className="groupkit-directory-text">
          <span id={`${id}n`} className="groupkit-directory-name">
            {group.name}
          </span>
          {group.description && (
            <span className="groupkit-directory-description">{group.description}</span>
          )}
        </div>
        <div className="groupkit-directory-action">
          {scheduled && group.startsAt && (
            <span className="groupkit-directory-opens">
              {t.opensOn(formatDate(group.startsAt, locale))}
            </span>
          )}
          {group.type === 'automatic' && <GroupBadge source="rule">{t.automatic}</GroupBadge>}
          {source && <GroupBadge source={source}>{t.member}</GroupBadge>}
          {isCode && (!source || open) && (
            <button
              ref={buttonRef}
              type="button"
              className="groupkit-directory-code-button"
              aria-expanded={open}
              aria-controls={`${id}p`}
              aria-describedby={`${id}n`}
              onClick={() => {
                refocus.current = open;
                setOpen(!open);
              }}
            >
              {t.haveCode}
            </button>
          )}
        </div>
        {isCode && (
          <div
            id={`${id}p`}
            className="groupkit-directory-panel"
            hidden={!open}
            onKeyDown={(event) => {
              if (event.key !== 'Escape') return;
              event.preventDefault();
              refocus.current = true;
              setOpen(false);
            }}
          >
            {/* Mounted on open only, so its autoFocus moves focus into the input. */}
            {open && <JoinGroupCodeForm group={group.slug} unstyled={unstyled} autoFocus />}
          </div>
        )}
      </>
    );
  }

  return (
    <li ref={rowRef} className="groupkit-directory-item" tabIndex={-1}>
      {renderItem ? renderItem(group, item) : item}
    </li>
  );
});
