import '../styles.css';
import { createGroupKitClient, type Session } from '@groupkit/client';
import {
  createGroupsEngine,
  createHandlers,
  type HandlersOptions,
  type ScenarioName,
} from '@groupkit/mock-api';
import { startMockWorker } from '@groupkit/mock-api/browser';
import { GroupKitProvider } from '@groupkit/react';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { Profiler, type ProfilerOnRenderCallback, type ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands, page, userEvent } from 'vitest/browser';
import { GroupDirectory, type GroupDirectoryProps } from '../GroupDirectory';
import { formatDate, GroupKitLocaleProvider } from '../locale';
import { germanMessages } from '../messages';
import { groupDirectoryDe, groupDirectoryEn } from '../messages/groupDirectory';
import { axeViolations } from './axe';

let mock: Awaited<ReturnType<typeof startMockWorker>>;
beforeAll(async () => {
  mock = await startMockWorker();
  await page.viewport(800, 900);
});
afterEach(async () => {
  cleanup();
  mock.worker.resetHandlers();
  await commands.setColorScheme('light');
});
afterAll(() => mock.worker.stop());

/** A fresh engine per test (toggles and codes change it), answering before the shared one. */
function useScenario(scenario: ScenarioName = 'default', options: HandlersOptions = {}) {
  const engine = createGroupsEngine({ scenario });
  mock.worker.use(...createHandlers(engine, options));
  return engine;
}

const noRetryClient = () =>
  createGroupKitClient({ apiKey: 'pk_test_groupkit', retry: { retries: 0 } });

function renderDirectory(
  props: GroupDirectoryProps = {},
  {
    userId = 'u_ada',
    wrap = (ui: ReactNode) => ui,
    client,
    initialData,
  }: {
    userId?: string;
    wrap?: (ui: ReactNode) => ReactNode;
    client?: ReturnType<typeof createGroupKitClient>;
    initialData?: Session;
  } = {},
) {
  return render(
    <div style={{ inlineSize: 640 }}>
      {wrap(
        <GroupKitProvider
          apiKey="pk_test_groupkit"
          userId={userId}
          groupId="acme"
          client={client}
          initialData={initialData}
        >
          <GroupDirectory {...props} />
        </GroupKitProvider>,
      )}
    </div>,
  );
}

const rowsOf = (list: HTMLElement) => within(list).getAllByRole('listitem');
/** A row's name: its own, or the toggle's label in rows of open groups. */
const NAME = '.groupkit-directory-name, .groupkit-toggle-label';
const rowNamed = (name: string) =>
  screen.getByText(name, { selector: NAME }).closest('li') as HTMLElement;

describe('GroupDirectory in Chromium', () => {
  it('lists the viewable active groups in order, each with its control', async () => {
    useScenario();
    renderDirectory();
    const list = await screen.findByRole('list', { name: 'Groups' });
    const rows = rowsOf(list);
    const row = (i: number) => rows[i] as HTMLElement;
    expect(rows.map((li) => li.querySelector(NAME)?.textContent)).toEqual([
      'Product newsletter',
      'Beta testers',
      'VIP lounge',
      'Early access',
      'Community forum',
      'UK users',
    ]);
    expect(within(row(0)).getByText('A monthly email about what is new.')).toBeInTheDocument();
    // Open groups: a switch. Code groups: a disclosure. Automatic: a badge, and Ada is in it.
    for (const i of [0, 4]) expect(within(row(i)).getByRole('switch')).toBeInTheDocument();
    for (const i of [1, 2, 3]) {
      const button = within(row(i)).getByRole('button', { name: 'Have a code?' });
      expect(button).toHaveAttribute('aria-expanded', 'false');
      expect(within(row(i)).queryByRole('switch')).toBeNull();
    }
    expect(within(row(5)).queryByRole('switch')).toBeNull();
    expect(within(row(5)).queryByRole('button')).toBeNull();
    expect(within(row(5)).getByText('Automatic')).toHaveAttribute('data-source', 'rule');
    expect(within(row(5)).getByText('Member')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Groups' })).toHaveAttribute('aria-busy', 'false');
    // Fewer groups than a page: no search, no "Show more".
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.queryByRole('button', { name: /more/ })).toBeNull();
  });

  it('lists only the groups named in `groups` (slug or id), in the directory’s order', async () => {
    const engine = useScenario();
    const vip = engine.getUserGroup('vip').id;
    renderDirectory({ groups: ['community', vip, 'newsletter', 'no-such-group'] });
    const list = await screen.findByRole('list', { name: 'Groups' });
    expect(rowsOf(list).map((li) => li.querySelector(NAME)?.textContent)).toEqual([
      'Product newsletter',
      'VIP lounge',
      'Community forum',
    ]);
  });

  it('shows "Member" on code groups the user holds, and not on rule groups they are not in', async () => {
    const engine = useScenario();
    engine.redeemCode({ userId: 'u_grace', code: 'BETA-2026' });
    renderDirectory({}, { userId: 'u_grace' });
    await screen.findByRole('list', { name: 'Groups' });
    const beta = rowNamed('Beta testers');
    expect(within(beta).getByText('Member')).toHaveAttribute('data-source', 'code');
    expect(within(beta).queryByRole('button')).toBeNull();
    expect(within(rowNamed('UK users')).queryByText('Member')).toBeNull();
    expect(within(rowNamed('UK users')).getByText('Automatic')).toBeInTheDocument();
  });

  it('toggles an open group from its row', async () => {
    const engine = useScenario();
    renderDirectory();
    await screen.findByRole('list', { name: 'Groups' });
    const toggle = within(rowNamed('Product newsletter')).getByRole('switch');
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    await userEvent.click(toggle);
    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'true'));
    await waitFor(() =>
      expect(engine.listMemberships('u_ada').map((m) => m.slug)).toContain('newsletter'),
    );
  });

  it('shows a skeleton of the final height while loading, with no layout shift', async () => {
    useScenario();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Holds the session until measured, then falls through to the engine's handler.
    mock.worker.use(
      http.get('*/v1/session', async () => {
        await gate;
      }),
    );
    const { container } = renderDirectory();
    const region = screen.getByRole('region', { name: 'Groups' });
    expect(region).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('status')).toHaveTextContent('Loading groups…');
    expect(container.querySelectorAll('.groupkit-directory-skeleton')).toHaveLength(6);
    expect(screen.queryByRole('list')).toBeNull(); // the skeleton is hidden from screen readers
    expect(await axeViolations(container)).toEqual([]);
    const loadingHeight = region.getBoundingClientRect().height;
    release();
    await screen.findByRole('list', { name: 'Groups' });
    const readyHeight = region.getBoundingClientRect().height;
    console.log(
      `[GroupDirectory] height loading ${loadingHeight.toFixed(1)} px, ready ${readyHeight.toFixed(1)} px`,
    );
    expect(Math.abs(readyHeight - loadingHeight)).toBeLessThanOrEqual(4);
    expect(region).toHaveAttribute('aria-busy', 'false');
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('says so when there are no groups', async () => {
    useScenario('empty');
    const { container } = renderDirectory();
    expect(await screen.findByText('There are no groups to join yet.')).toBeInTheDocument();
    expect(screen.queryByRole('list')).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows an alert with a Retry button that loads again', async () => {
    useScenario();
    let failing = true;
    let requests = 0;
    mock.worker.use(
      http.get('*/v1/session', () => {
        requests += 1;
        if (failing) {
          return HttpResponse.json(
            { error: { code: 'internal_error', message: 'x', details: {} } },
            { status: 500 },
          );
        }
      }),
    );
    const { container } = renderDirectory({}, { client: noRetryClient() });
    expect(await screen.findByRole('alert')).toHaveTextContent('The groups could not be loaded.');
    expect(screen.getByRole('region', { name: 'Groups' })).toHaveAttribute('aria-busy', 'false');
    expect(await axeViolations(container)).toEqual([]);
    expect(requests).toBe(1);
    failing = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    const list = await screen.findByRole('list', { name: 'Groups' });
    expect(rowsOf(list)).toHaveLength(6);
    expect(screen.queryByText('The groups could not be loaded.')).toBeNull();
    // Both resources came back with one session request.
    expect(requests).toBe(2);
  });

  it('shows scheduled groups with the date they open', async () => {
    const engine = useScenario();
    const { container } = renderDirectory({ includeScheduled: true });
    const list = await screen.findByRole('list', { name: 'Groups' });
    expect(rowsOf(list)).toHaveLength(7);
    const summit = rowNamed('Spring summit');
    const startsAt = engine.getUserGroup('spring-summit').startsAt as string;
    expect(within(summit).getByText(`Opens on ${formatDate(startsAt, 'en')}`)).toBeInTheDocument();
    expect(within(summit).queryByRole('switch')).toBeNull();
    expect(rowsOf(list)[5]).toBe(summit); // order 6, between Community forum and UK users
    expect(await axeViolations(container)).toEqual([]);
  });

  it('pages 1,000 groups: 50 rows, then "Show 50 more" adds 50 and focuses row 51', async () => {
    useScenario('manyGroups');
    const { container } = renderDirectory();
    const list = await screen.findByRole('list', { name: 'Groups' });
    expect(rowsOf(list)).toHaveLength(50);
    const more = screen.getByRole('button', { name: 'Show 50 more' });
    await userEvent.click(more);
    await waitFor(() => expect(rowsOf(list)).toHaveLength(100));
    expect(document.activeElement).toBe(rowsOf(list)[50]);
    expect(rowsOf(list)[50]).toHaveTextContent('Interest group 45');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('searches by name and description, case-insensitively, and announces the count', async () => {
    useScenario('manyGroups');
    const { container } = renderDirectory();
    const list = await screen.findByRole('list', { name: 'Groups' });
    const search = screen.getByRole('searchbox', { name: 'Search groups' });
    await userEvent.type(search, 'INTEREST GROUP 98');
    // 98 and 980–987 (the scenario has interest groups 1 to 987).
    await waitFor(() => expect(rowsOf(list)).toHaveLength(9));
    expect(screen.getByRole('status')).toHaveTextContent('9 groups found');
    expect(screen.queryByRole('button', { name: /more/ })).toBeNull();
    expect(await axeViolations(container)).toEqual([]);

    await userEvent.clear(search);
    await userEvent.type(search, 'topic 987');
    await waitFor(() => expect(rowsOf(list)).toHaveLength(1));
    expect(screen.getByRole('status')).toHaveTextContent('1 group found');

    await userEvent.clear(search);
    await userEvent.type(search, 'no such group');
    expect(await screen.findByText('No groups match your search.')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('No groups found');

    await userEvent.clear(search);
    await waitFor(() => expect(rowsOf(screen.getByRole('list'))).toHaveLength(50));
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('opens "Have a code?" with focus in the input; Escape closes it and returns focus', async () => {
    useScenario();
    const { container } = renderDirectory();
    await screen.findByRole('list', { name: 'Groups' });
    const row = rowNamed('Beta testers');
    const button = within(row).getByRole('button', { name: 'Have a code?' });
    expect(button).toHaveAccessibleDescription('Beta testers');
    const panel = document.getElementById(button.getAttribute('aria-controls') as string);
    expect(panel).not.toBeVisible();
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(panel).toBeVisible();
    const input = within(row).getByRole('textbox', { name: 'Group code' });
    await waitFor(() => expect(input).toHaveFocus());
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(within(row).queryByRole('textbox')).toBeNull();
    await waitFor(() => expect(button).toHaveFocus());
  });

  it('redeems BETA-2026 inline, then shows the user as a member', async () => {
    const engine = useScenario();
    const { container } = renderDirectory();
    await screen.findByRole('list', { name: 'Groups' });
    const row = rowNamed('Beta testers');
    await userEvent.click(within(row).getByRole('button', { name: 'Have a code?' }));
    await userEvent.type(within(row).getByRole('textbox', { name: 'Group code' }), 'BETA-2026');
    await userEvent.keyboard('{Enter}');
    expect(await within(row).findByText('You joined Beta testers.')).toBeInTheDocument();
    expect(within(row).getByText('Member')).toBeInTheDocument();
    expect(engine.listMemberships('u_ada').map((m) => m.slug)).toContain('beta');
    expect(await axeViolations(container)).toEqual([]);
    // Closing after success: the disclosure button is gone, focus stays in the row.
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(row).toHaveFocus());
    expect(within(row).queryByRole('button', { name: 'Have a code?' })).toBeNull();
  });

  it('works with the keyboard alone: Tab visits each control in order, Space toggles', async () => {
    useScenario();
    render(
      <>
        <button type="button">Before</button>
        <GroupKitProvider apiKey="pk_test_groupkit" userId="u_ada" groupId="acme">
          <GroupDirectory />
        </GroupKitProvider>
      </>,
    );
    await screen.findByRole('list', { name: 'Groups' });
    screen.getByRole('button', { name: 'Before' }).focus();
    const expected = [
      within(rowNamed('Product newsletter')).getByRole('switch'),
      within(rowNamed('Beta testers')).getByRole('button'),
      within(rowNamed('VIP lounge')).getByRole('button'),
      within(rowNamed('Early access')).getByRole('button'),
      within(rowNamed('Community forum')).getByRole('switch'),
    ];
    for (const control of expected) {
      await userEvent.tab();
      expect(control).toHaveFocus();
    }
    const community = expected[4];
    expect(community).toHaveAttribute('aria-checked', 'false');
    await userEvent.keyboard(' ');
    await waitFor(() => expect(community).toHaveAttribute('aria-checked', 'true'));
    // Enter on a disclosure opens it.
    await userEvent.tab({ shift: true });
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(within(rowNamed('Early access')).getByRole('textbox')).toHaveFocus(),
    );
  });

  it('speaks German with the German catalogue', async () => {
    const engine = useScenario();
    const { container } = renderDirectory(
      { includeScheduled: true },
      {
        wrap: (ui) => (
          <GroupKitLocaleProvider locale="de-DE" messages={germanMessages}>
            {ui}
          </GroupKitLocaleProvider>
        ),
      },
    );
    await screen.findByRole('list', { name: 'Gruppen' });
    expect(screen.getAllByRole('button', { name: 'Hast du einen Code?' })).toHaveLength(3);
    expect(within(rowNamed('UK users')).getByText('Automatisch')).toBeInTheDocument();
    expect(within(rowNamed('UK users')).getByText('Mitglied')).toBeInTheDocument();
    const startsAt = engine.getUserGroup('spring-summit').startsAt as string;
    expect(screen.getByText(`Öffnet am ${formatDate(startsAt, 'de-DE')}`)).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('counts with the locale’s plural rules and number format', () => {
    expect(groupDirectoryEn.results(1, 'en')).toBe('1 group found');
    expect(groupDirectoryEn.results(1000, 'en')).toBe('1,000 groups found');
    expect(groupDirectoryEn.showMore(50, 'en')).toBe('Show 50 more');
    expect(groupDirectoryDe.results(1, 'de-DE')).toBe('1 Gruppe gefunden');
    expect(groupDirectoryDe.results(1000, 'de-DE')).toBe('1.000 Gruppen gefunden');
    expect(groupDirectoryDe.results(0, 'de-DE')).toBe('Keine Gruppen gefunden');
    expect(groupDirectoryDe.showMore(50, 'de-DE')).toBe('50 weitere anzeigen');
  });

  it('is axe-clean when ready, in light and dark themes', async () => {
    useScenario();
    const { container } = renderDirectory();
    await screen.findByRole('list', { name: 'Groups' });
    expect(await axeViolations(container)).toEqual([]);
    container.setAttribute('data-groupkit-theme', 'dark');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('renders names and descriptions as text, never as HTML', async () => {
    const engine = useScenario();
    const session = engine.getSession('u_ada', 'acme');
    const evil = {
      ...session.userGroups[0],
      id: 'ug_evil',
      slug: 'evil',
      name: '<img src=x onerror=alert(1)>',
      description: '<b>bold</b><script>alert(2)</script>',
    };
    mock.worker.use(
      http.get('*/v1/session', () =>
        HttpResponse.json({ ...session, userGroups: [evil, ...session.userGroups] }),
      ),
    );
    const { container } = renderDirectory();
    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(screen.getByText('<b>bold</b><script>alert(2)</script>')).toBeInTheDocument();
    expect(container.querySelector('img, b, script')).toBeNull();
  });

  it('fits 320 px, also with text at 200%, in both directions: rows wrap, nothing overflows', async () => {
    useScenario();
    for (const [fontSize, dir] of [
      ['100%', 'ltr'],
      ['200%', 'ltr'],
      ['200%', 'rtl'],
    ] as const) {
      document.documentElement.style.fontSize = fontSize;
      const { container } = render(
        <div dir={dir} style={{ inlineSize: 320 }}>
          <GroupKitProvider apiKey="pk_test_groupkit" userId="u_ada" groupId="acme">
            <GroupDirectory includeScheduled />
          </GroupKitProvider>
        </div>,
      );
      const list = await screen.findByRole('list', { name: 'Groups' });
      const root = container.querySelector('section') as HTMLElement;
      expect(root.getBoundingClientRect().width).toBeLessThanOrEqual(320);
      expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
      for (const row of rowsOf(list)) expect(row.scrollWidth).toBeLessThanOrEqual(row.clientWidth);
      cleanup();
    }
    document.documentElement.style.fontSize = '';
  });

  it('drops the themed box when unstyled and keeps the part classes', async () => {
    useScenario();
    const { container } = renderDirectory({ unstyled: true, className: 'mine' });
    await screen.findByRole('list', { name: 'Groups' });
    const root = container.querySelector('section') as HTMLElement;
    expect(root).toHaveAttribute('data-unstyled', 'true');
    expect(root).toHaveClass('groupkit-directory', 'mine');
    expect(root).not.toHaveClass('groupkit-root');
    expect(container.querySelector('.groupkit-root')).toBeNull();
    expect(container.querySelectorAll('.groupkit-directory-item')).toHaveLength(6);
  });

  it('lets render props replace the loading, empty, error and row parts', async () => {
    useScenario('empty');
    renderDirectory({
      renderEmpty: () => <p>Nothing yet</p>,
      messages: { heading: 'Communities' },
      headingLevel: 3,
    });
    expect(await screen.findByText('Nothing yet')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Communities' })).toBeInTheDocument();
    cleanup();

    mock.worker.resetHandlers();
    useScenario();
    renderDirectory({
      renderItem: (group, item) => (
        <>
          {item}
          <a href={`/groups/${group.slug}`}>Details of {group.name}</a>
        </>
      ),
    });
    expect(await screen.findByRole('link', { name: 'Details of VIP lounge' })).toBeInTheDocument();
    expect(within(rowNamed('VIP lounge')).getByRole('button')).toBeInTheDocument();
    cleanup();

    mock.worker.use(http.get('*/v1/session', () => HttpResponse.json({}, { status: 500 })));
    renderDirectory(
      { renderError: (retry) => <button onClick={retry}>Try once more</button> },
      { client: noRetryClient() },
    );
    expect(await screen.findByRole('button', { name: 'Try once more' })).toBeInTheDocument();
    cleanup();

    mock.worker.use(http.get('*/v1/session', async () => new Promise<never>(() => {})));
    renderDirectory({ renderLoading: () => <p>Please wait</p> });
    expect(screen.getByText('Please wait')).toBeInTheDocument();
    expect(screen.getByRole('region')).toHaveAttribute('aria-busy', 'true');
  });

  it('measures the 1,000-group mount and one toggle commit with the React Profiler', async () => {
    const engine = useScenario('manyGroups');
    const session = engine.getSession('u_ada', 'acme');
    const commits: { phase: string; duration: number }[] = [];
    const onRender: ProfilerOnRenderCallback = (_id, phase, actualDuration) => {
      commits.push({ phase, duration: actualDuration });
    };
    const started = performance.now();
    renderDirectory(
      {},
      {
        initialData: session,
        wrap: (ui) => (
          <Profiler id="directory" onRender={onRender}>
            {ui}
          </Profiler>
        ),
      },
    );
    const list = screen.getByRole('list', { name: 'Groups' }); // ready in the first commit
    const wall = performance.now() - started;
    expect(rowsOf(list)).toHaveLength(50);
    const mount = commits.find((c) => c.phase === 'mount');
    expect(mount).toBeDefined();

    await new Promise((resolve) => setTimeout(resolve, 50));
    commits.length = 0;
    const toggle = within(rowNamed('Interest group 1')).getByRole('switch');
    await userEvent.click(toggle);
    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'true'));
    const firstToggleCommit = commits[0];
    await waitFor(() =>
      expect(engine.listMemberships('u_ada').map((m) => m.slug)).toContain('interest-001'),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const total = commits.reduce((sum, c) => sum + c.duration, 0);
    console.log(
      `[GroupDirectory profiler] 1,000 groups (50 rows shown): mount commit ${mount?.duration.toFixed(1)} ms ` +
        `(render() to DOM ${wall.toFixed(1)} ms); toggle: first commit ${firstToggleCommit?.duration.toFixed(2)} ms, ` +
        `${commits.length} commits, ${total.toFixed(2)} ms in total until the server answered`,
    );
    expect(firstToggleCommit).toBeDefined();
  });
});
