import { type ConsolePage, consoleHref, PAGE_ROLES } from './consoleRoute';
import { useOperatorRole } from './useConsoleSession';
import { roleAtLeast } from './roles';

const PAGES: [ConsolePage, string][] = [
  ['groups', 'User groups'],
  ['users', 'Users'],
  ['audiences', 'Audiences'],
  ['flows', 'Onboarding flows'],
  ['audit', 'Audit log'],
  ['operators', 'Operators'],
  ['settings', 'Settings'],
];

/**
 * Links between the pages the signed-in operator's role may use; the current one is marked
 * for assistive technology.
 */
export function ConsoleNav({ current }: { current: ConsolePage }) {
  const role = useOperatorRole();
  const pages = PAGES.filter(([page]) => role !== null && roleAtLeast(role, PAGE_ROLES[page]));
  return (
    <nav className="demo-admin-nav" aria-label="Console pages">
      <ul>
        {pages.map(([page, label]) => (
          <li key={page}>
            <a href={consoleHref(page)} aria-current={page === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
