/**
 * The operator's round trip, on any database target: start with the demo scenario, change
 * something, SIGKILL the process (no cleanup at all), start again without `--scenario` and
 * with `--scenario default --if-empty`: the change is there each time.
 */
import { expect } from 'vitest';
import { killHard, READY_LINE, startCli, type StartedCli } from './cliProcess';
import { callApi, membershipSlugs, PUBLISHABLE_KEY } from './http';

/** Asserts `server` printed exactly `GroupKit server listening on <url> (database: <label>)` once. */
export function expectOneReadinessLine(server: StartedCli, databaseLabel: string) {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(Number(new URL(server.url).port)).toBeGreaterThan(0);
  expect(server.readyLine).toBe(
    `GroupKit server listening on ${server.url} (database: ${databaseLabel})`,
  );
  expect(server.process.stdout.filter((line) => READY_LINE.test(line))).toEqual([server.readyLine]);
}

/** `POST /v1/users/u_alan/membership-changes` `+newsletter`, as the SDK sends it. */
export async function joinNewsletter(url: string) {
  const change = await callApi(url, '/v1/users/u_alan/membership-changes', {
    key: PUBLISHABLE_KEY,
    json: { changes: '+newsletter' },
  });
  expect(change.status).toBe(200);
  expect(change.body).toMatchObject({
    applied: [{ op: 'add', group: 'newsletter', result: 'added' }],
  });
}

export async function checkChangeSurvivesKill(database: string, databaseLabel: string) {
  const first = await startCli(['--database', database, '--port', '0', '--scenario', 'default']);
  const session = await callApi(first.url, '/v1/session?userId=u_ada&groupId=acme', {
    key: PUBLISHABLE_KEY,
  });
  expect(session.status).toBe(200);
  expect(session.body).toMatchObject({
    user: { id: 'u_ada', firstname: 'Ada', lastname: 'Lovelace' },
    group: { id: 'acme' },
  });
  expect(await membershipSlugs(first.url, 'u_alan')).not.toContain('newsletter');
  await joinNewsletter(first.url);
  expect(await killHard(first.process)).toEqual({ code: null, signal: 'SIGKILL' });
  expectOneReadinessLine(first, databaseLabel);

  const plain = await startCli(['--database', database, '--port', '0']);
  expectOneReadinessLine(plain, databaseLabel);
  expect(await membershipSlugs(plain.url, 'u_alan')).toContain('newsletter');
  await killHard(plain.process);

  const ifEmpty = await startCli([
    '--database',
    database,
    '--port',
    '0',
    '--scenario',
    'default',
    '--if-empty',
  ]);
  expectOneReadinessLine(ifEmpty, databaseLabel);
  expect(await membershipSlugs(ifEmpty.url, 'u_alan')).toContain('newsletter');
  expect(
    ifEmpty.process.stdout.map((line) => (line.startsWith('{') ? JSON.parse(line) : line)),
  ).toContainEqual(expect.objectContaining({ msg: 'database holds data: not seeding' }));
  await killHard(ifEmpty.process);
}
