// `npm run bench:server` (builds the packages first): the server under load, on loopback.
// For each database (embedded PGlite, and the PostgreSQL service at GROUPKIT_BENCH_DATABASE_URL
// or 127.0.0.1:5432), starts the built `groupkit-server` with the reference routes on, and
// drives each route with autocannon for a bounded time. Prints a table and writes
// bench/server-results.json. A benchmark, not a test: it fails only when it cannot measure.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { formatTable } from './table.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../packages/server/bin/groupkit-server.mjs', import.meta.url));
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
/**
 * Seconds each route runs, unmeasured, just before its measured run: what is measured is the
 * route at its steady state, not V8 compiling its code (a session runs several times more
 * code than the reference routes, so its first second cost it more).
 */
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const CONNECTIONS = 50;
const ADMIN_URL =
  process.env.GROUPKIT_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/**
 * `BENCH_ONLY=members` (comma-separated parts of route names): only those routes, each
 * database's server serving nothing else, so its peak RSS is theirs; no two-process run.
 * `BENCH_DATABASES=postgres` (or `pglite`): only that database. A filtered run only prints.
 */
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean);
const DATABASES = process.env.BENCH_DATABASES?.split(',') ?? ['pglite', 'postgres'];
const PK = { authorization: 'Bearer pk_test_groupkit' };
const SK = { authorization: 'Bearer sk_test_groupkit' };

/** CPU ms (user + system) a process has used so far; 0 once it is gone. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
/** USER_HZ: /proc reports CPU time in these ticks (100 on Linux). */
const CLOCK_TICKS = 100;

/** CPU ms used so far by every PostgreSQL process on this machine (its backends and workers). */
function postgresCpuMs() {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('postgres')) total += cpuMs(entry);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Starts the built server; resolves with its URL once it prints the readiness line. */
async function startServer(args) {
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn', GROUPKIT_BENCH_ROUTES: '1' },
  });
  const started = performance.now();
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`groupkit-server exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^GroupKit server listening on (\S+) /.exec(line);
      if (match) resolve(match[1]);
    });
  });
  return {
    url,
    pid: child.pid,
    startMs: performance.now() - started,
    /** Peak resident memory so far (VmHWM), in MB. */
    peakRssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    },
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * One autocannon run against one or more servers (connections split evenly), summed, with
 * the CPU each request cost: the server processes', PostgreSQL's (every postgres process on
 * the machine; none for PGlite, which runs inside the server) and the load generator's. On a
 * shared 2-core machine req/s moves with the neighbours; CPU per request much less, and
 * 2 cores / (their sum) is the ceiling these figures allow.
 */
async function load(
  servers,
  path,
  { method = 'GET', headers = PK, body, postgres = false, duration = DURATION } = {},
) {
  const urls = servers.map((server) => server.url);
  const per = Math.ceil(CONNECTIONS / urls.length);
  const run = (seconds) =>
    Promise.all(
      urls.map((url) =>
        autocannon({
          url: `${url}${path}`,
          connections: per,
          duration: seconds,
          method,
          headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body
            ? { requests: [{ setupRequest: (request) => ({ ...request, ...body() }) }] }
            : {}),
        }),
      ),
    );
  if (WARMUP > 0) await run(WARMUP);
  const serverBefore = servers.reduce((n, server) => n + cpuMs(server.pid), 0);
  const postgresBefore = postgres ? postgresCpuMs() : 0;
  const selfBefore = process.cpuUsage();
  const results = await run(duration);
  const ok = results.reduce((n, r) => n + r['2xx'], 0);
  const other = results.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
  // What the failures were (`500`, `503`, `errors`, `timeouts`), so a failing run names them.
  const failures = {};
  const add = (kind, count) => {
    if (count > 0) failures[kind] = (failures[kind] ?? 0) + count;
  };
  for (const r of results) {
    for (const [status, { count }] of Object.entries(r.statusCodeStats ?? {})) {
      if (!status.startsWith('2')) add(status, count);
    }
    add('errors', r.errors);
    add('timeouts', r.timeouts);
  }
  const self = process.cpuUsage(selfBefore);
  const total = Math.max(1, ok + other);
  const perRequest = (ms) => Math.round((ms / total) * 1000) / 1000;
  return {
    serverCpuMs: perRequest(servers.reduce((n, server) => n + cpuMs(server.pid), 0) - serverBefore),
    postgresCpuMs: postgres ? perRequest(postgresCpuMs() - postgresBefore) : undefined,
    loadCpuMs: perRequest((self.user + self.system) / 1000),
    reqPerSec: Math.round(results.reduce((n, r) => n + r.requests.average, 0)),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    ok,
    failed: other,
    failures,
  };
}

let sequence = 0;
/** A different user and Idempotency-Key per request: joins and leaves an open group. */
const membershipChange = (users) => () => {
  const n = sequence++;
  const user = users[n % users.length];
  const changes = Math.floor(n / users.length) % 2 === 0 ? '+newsletter' : '-newsletter';
  return {
    path: `/v1/users/${user}/membership-changes`,
    headers: {
      ...PK,
      'content-type': 'application/json',
      'idempotency-key': `bench-${process.pid}-${n}`,
    },
    body: JSON.stringify({ changes }),
  };
};
const redeem = (users) => () => {
  const user = users[sequence++ % users.length];
  return {
    path: `/v1/users/${user}/redeem-code`,
    headers: { ...PK, 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'BETA-2026' }),
  };
};

const RECALCULATION = 'rule-set change recalculating 100,000 users';

/** Country rule sets for `uk-users`, each selecting a different third of the users or so. */
const countryRuleSet = (country) => ({
  operator: 'AND',
  sets: [
    {
      id: 'set_country',
      rules: [
        {
          id: 'rule_country',
          type: 'attribute',
          payload: { field: 'country', op: 'eq', value: country },
        },
      ],
    },
  ],
});

/**
 * `PUT /v1/user-groups/uk-users` with a new rule set, one at a time, each answered once the
 * group's members are those the rule set selects among the seed's 100,000 users (members who
 * leave removed, new ones added, their automations fired, in SQL). The median and the
 * slowest of 5, in the p50 and p99 columns.
 */
async function recalculations(url) {
  const times = [];
  for (const country of ['DE', 'FR', 'JP', 'UK', 'DE']) {
    const started = performance.now();
    const response = await fetch(`${url}/v1/user-groups/uk-users`, {
      method: 'PUT',
      headers: { ...SK, 'content-type': 'application/json' },
      body: JSON.stringify({ ruleset: countryRuleSet(country) }),
    });
    if (response.status !== 200) {
      throw new Error(`recalculation answered ${response.status}: ${await response.text()}`);
    }
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: Math.round(times[2]), p99: Math.round(times[4]), ok: times.length, failed: 0 };
}

/** A group of the largeOrg seed whose member count is nearest 10,000. */
async function tenThousandGroup(url) {
  const response = await fetch(`${url}/v1/user-groups?page_size=200`, { headers: SK });
  const { data } = await response.json();
  return data.reduce((best, g) =>
    Math.abs(g.memberCount - 10_000) < Math.abs(best.memberCount - 10_000) ? g : best,
  );
}

/** `groupkit-server seed --scenario largeOrg --reset` in a process of its own; resolves with its ms. */
async function seedApart(databaseArg) {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [BIN, 'seed', '--scenario', 'largeOrg', '--reset', '--database', databaseArg],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    },
  );
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`groupkit-server seed exited with ${code}`);
  return Math.round(performance.now() - started);
}

/**
 * PGlite in memory is seeded by the serving process itself (its database lives there); a
 * PostgreSQL database is seeded apart first, so the peak RSS is the serving process's own.
 */
async function benchDatabase(label, databaseArg) {
  const rows = [];
  const inMemory = databaseArg === 'memory';
  const seedMs = inMemory ? undefined : await seedApart(databaseArg);
  if (!inMemory) {
    // Vacuumed once seeded, as a database in service is: otherwise autovacuum starts on the
    // 100,000 new rows in the middle of the first routes, and its CPU counts as theirs.
    const client = new pg.Client({ connectionString: databaseArg });
    await client.connect();
    await client.query('vacuum (analyze)');
    await client.end();
  }
  const server = await startServer(
    inMemory
      ? ['--database', databaseArg, '--scenario', 'largeOrg', '--reset']
      : ['--database', databaseArg],
  );
  const users = Array.from({ length: 20_000 }, (_, i) => `u_${String(i + 1).padStart(5, '0')}`);
  try {
    const group = await tenThousandGroup(server.url);
    const routes = [
      ['no-op JSON (reference)', '/bench/noop'],
      ['one primary-key SELECT (reference)', '/bench/select'],
      ['GET /v1/session', '/v1/session?userId=u_ada&groupId=acme'],
      ['POST membership-changes', '/', { method: 'POST', body: membershipChange(users) }],
      ['POST redeem-code', '/', { method: 'POST', body: redeem(users) }],
      [
        `members page (${group.memberCount} members)`,
        `/v1/user-groups/${group.id}/users?page_size=50`,
        { headers: SK },
      ],
    ];
    const chosen = routes.filter(([name]) => !ONLY || ONLY.some((part) => name.includes(part)));
    for (const [name, path, options] of chosen) {
      const result = await load([server], path, { ...options, postgres: !inMemory });
      rows.push({ database: label, processes: 1, route: name, ...result });
    }
    if (!ONLY || ONLY.some((part) => RECALCULATION.includes(part))) {
      rows.push({
        database: label,
        processes: 1,
        route: RECALCULATION,
        ...(await recalculations(server.url)),
      });
    }
    rows.push({
      database: label,
      processes: 1,
      route: inMemory ? 'peak RSS (MB, seeding included)' : 'peak RSS (MB, serving only)',
      peakRssMb: server.peakRssMb(),
    });
    return { rows, coldStartMs: Math.round(server.startMs), seedMs };
  } finally {
    await server.stop();
  }
}

/** The session and the membership change with two processes on one PostgreSQL. */
async function twoProcesses(databaseUrl) {
  const rows = [];
  const a = await startServer(['--database', databaseUrl]);
  const b = await startServer(['--database', databaseUrl]);
  try {
    const users = Array.from({ length: 20_000 }, (_, i) => `u_${String(i + 1).padStart(5, '0')}`);
    const routes = [
      ['GET /v1/session', '/v1/session?userId=u_ada&groupId=acme'],
      ['POST membership-changes', '/', { method: 'POST', body: membershipChange(users) }],
    ];
    // Warmed first, as the one-process server is by the routes before: a fresh process
    // compiles its code and opens its pool during its first seconds.
    for (const [, path, options] of routes) {
      await load([a, b], path, { ...options, duration: 2 });
    }
    for (const [name, path, options] of routes) {
      const result = await load([a, b], path, { ...options, postgres: true });
      rows.push({ database: 'PostgreSQL', processes: 2, route: name, ...result });
    }
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
  return rows;
}

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const dbName = `groupkit_bench_${process.pid}`;
  await admin.query(`create database ${dbName}`);
  const pgUrl = new URL(ADMIN_URL);
  pgUrl.pathname = `/${dbName}`;
  const results = {
    // The 1-minute load average before and after: a busy machine (other test suites) lowers
    // every figure, so a run is read against its own reference routes.
    machine: { cpus: cpus().length, node: process.version, loadBefore: loadavg()[0] },
    durationSeconds: DURATION,
    warmupSeconds: WARMUP,
    connections: CONNECTIONS,
    runs: [],
  };
  try {
    const pglite = DATABASES.includes('pglite')
      ? await benchDatabase('PGlite', 'memory')
      : undefined;
    const postgres = DATABASES.includes('postgres')
      ? await benchDatabase('PostgreSQL', pgUrl.href)
      : undefined;
    results.runs.push(...(pglite?.rows ?? []), ...(postgres?.rows ?? []));
    results.coldStart = {
      pgliteMs: pglite?.coldStartMs,
      postgresMs: postgres?.coldStartMs,
      postgresSeedMs: postgres?.seedMs,
    };

    // Scaling: the session and the membership change with two processes on one PostgreSQL.
    if (!ONLY && postgres) results.runs.push(...(await twoProcesses(pgUrl.href)));
  } finally {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }

  console.log(
    formatTable(
      [
        'database',
        'proc',
        'route',
        'req/s',
        'p50 ms',
        'p99 ms',
        '2xx',
        'other',
        'RSS MB',
        'CPU ms/req: server',
        'PostgreSQL',
        'load gen',
      ],
      results.runs.map((r) => [
        r.database,
        r.processes,
        r.route,
        r.reqPerSec ?? '',
        r.p50 ?? '',
        r.p99 ?? '',
        r.ok ?? '',
        r.failed ?? '',
        r.peakRssMb ?? '',
        r.serverCpuMs ?? '',
        r.postgresCpuMs ?? '',
        r.loadCpuMs ?? '',
      ]),
    ),
  );
  for (const r of results.runs) {
    if (r.failed) {
      const kinds = Object.entries(r.failures ?? {}).map(([kind, n]) => `${kind} ×${n}`);
      console.log(`${r.database} ${r.route}: ${r.failed} failed (${kinds.join(', ')})`);
    }
  }
  results.machine.loadAfter = loadavg()[0];
  console.log(
    `load average (1 min): ${results.machine.loadBefore.toFixed(2)} before, ${results.machine.loadAfter.toFixed(2)} after`,
  );
  // Only the databases this run started (BENCH_DATABASES may leave one out).
  const { pgliteMs, postgresSeedMs, postgresMs } = results.coldStart;
  const starts = [
    pgliteMs !== undefined && `PGlite seeding largeOrg ${pgliteMs} ms`,
    postgresMs !== undefined &&
      `PostgreSQL seeded apart in ${postgresSeedMs} ms, then started in ${postgresMs} ms`,
  ].filter(Boolean);
  if (starts.length) console.log(`cold start: ${starts.join('; ')}`);
  // A filtered run (BENCH_ONLY, BENCH_DATABASES) is printed, not kept.
  if (ONLY || DATABASES.length < 2) return;
  await writeFile(
    new URL('server-results.json', import.meta.url),
    `${JSON.stringify(results, null, 2)}\n`,
  );
}

await main();
