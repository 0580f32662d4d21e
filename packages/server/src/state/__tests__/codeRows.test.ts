/**
 * A redemption writes its code's uses, never its campaign: the code row is rewritten only
 * when the campaign changed (a PATCH), so redeemers of an uncapped code, who run side by side,
 * never upsert one row at once (which failed on the table's other unique key under load).
 * A trigger of the test's own records every write of the row's `data`. One PGlite, `default`.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../startServer';
import { callApi, PUBLISHABLE_KEY, SECRET_KEY } from '../../__tests__/support/http';
import { rows } from '../sqlRows';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ database: 'memory', port: 0, scenario: 'default' });
  await server.database.db.execute(sql`create table code_data_writes (normalized text not null)`);
  await server.database.db.execute(
    sql.raw(`create function note_code_data_write() returns trigger language plpgsql as $$
      begin insert into code_data_writes values (new.normalized); return new; end $$`),
  );
  await server.database.db.execute(
    sql`create trigger note_code_data_write before update of data on codes
      for each row execute function note_code_data_write()`,
  );
}, 120_000);
afterAll(async () => {
  await server?.close();
});

async function stored() {
  const [row] = await rows<{ writes: number; counted: number }>(
    server.database.db,
    sql`select (select count(*)::int from code_data_writes) as writes,
      (select redemption_count from codes where normalized = 'BETA-2026') as counted`,
  );
  return row;
}

it("a redemption adds to the code's count and leaves its campaign row alone; a PATCH rewrites it", async () => {
  for (const user of ['row_1', 'row_2']) {
    const { status } = await callApi(server.url, `/v1/users/${user}`, {
      method: 'PUT',
      key: SECRET_KEY,
      json: { firstname: 'Row', lastname: user },
    });
    expect(status).toBe(201);
  }
  const before = await stored();
  for (const user of ['row_1', 'row_2']) {
    const redeemed = await callApi(server.url, `/v1/users/${user}/redeem-code`, {
      key: PUBLISHABLE_KEY,
      json: { code: 'beta-2026' },
    });
    expect([redeemed.status, (redeemed.body as { result: string }).result]).toEqual([200, 'added']);
  }
  expect(await stored()).toEqual({ writes: 0, counted: (before?.counted ?? 0) + 2 });

  const { body } = await callApi(server.url, '/v1/user-groups/beta/codes', { key: SECRET_KEY });
  const code = (body as { data: { id: string; code: string }[] }).data.find(
    (c) => c.code === 'BETA-2026',
  );
  const patched = await callApi(server.url, `/v1/user-groups/beta/codes/${code?.id}`, {
    method: 'PATCH',
    key: SECRET_KEY,
    json: { maxRedemptions: 1000 },
  });
  expect(patched.status).toBe(200);
  expect(await stored()).toEqual({ writes: 1, counted: (before?.counted ?? 0) + 2 });
});
