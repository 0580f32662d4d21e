import { type ConsolePage, consoleHref } from './consoleRoute';

const PAGES: [ConsolePage, string][] = [
  ['groups', 'User groups'],
  ['users', 'Users'],
  ['audiences', 'Audiences'],
];

/** Links between the console's pages; the current one is marked for assistive technology. */
export function ConsoleNav({ current }: { current: ConsolePage }) {
  return (
    <nav className="demo-admin-nav" aria-label="Console pages">
      <ul>
        {PAGES.map(([page, label]) => (
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
