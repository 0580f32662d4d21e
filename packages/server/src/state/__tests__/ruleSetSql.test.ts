/**
 * `ruleSetCondition` against the engine's `matchesRuleSet`: a seeded property test over random
 * users and rule sets, and hand-written cases for every corner of the JavaScript semantics
 * (each asserting the engine's answer too, so a surprise there shows here). On PGlite and on
 * PostgreSQL.
 */
import type { JsonValue, Rule, RuleSet } from '@groupkit/client';
import { matchesRuleSet, type UserRecord } from '@groupkit/mock-api/core';
import { type SQL, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connect';
import { databaseTargets } from '../../db/__tests__/helpers';
import { ruleSetCondition } from '../ruleSetSql';
import { rows } from '../sqlRows';

// ---------------------------------------------------------------------------------------------
// Users and rules

type Attributes = Record<string, JsonValue>;

interface UserSpec {
  id: string;
  attributes?: Attributes;
  branchId?: string | null;
  status?: UserRecord['status'];
}

function userRecord({ id, attributes = {}, branchId = null, status = 'active' }: UserSpec) {
  return {
    id,
    username: id,
    firstname: 'F',
    lastname: 'L',
    email: `${id}@example.com`,
    branchId,
    status,
    attributes,
    createdAt: '2026-01-01T00:00:00.000Z',
  } satisfies UserRecord;
}

/**
 * JSON text of a value, integers written `1.0` when `decimalInts`: PostgreSQL keeps the
 * number's scale, `JSON.parse` gives 1 either way.
 */
function jsonText(value: unknown, decimalInts: boolean): string {
  if (typeof value === 'number' && decimalInts && /^-?\d+$/.test(String(value))) {
    return `${String(value)}.0`;
  }
  if (Array.isArray(value)) return `[${value.map((v) => jsonText(v, decimalInts)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, v]) => `${JSON.stringify(key)}:${jsonText(v, decimalInts)}`,
    );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

const attribute = (field: string, op: string, ...value: [unknown?]): Rule =>
  ({
    id: 'r',
    type: 'attribute',
    payload: value.length === 0 ? { field, op } : { field, op, value: value[0] },
  }) as Rule;
const branch = (...branchIds: unknown[]): Rule =>
  ({ id: 'r', type: 'branch', payload: { branchIds } }) as Rule;
const status = (value: unknown): Rule =>
  ({ id: 'r', type: 'status', payload: { status: value } }) as Rule;
const all = (...rules: Rule[]): RuleSet => ({ operator: 'AND', sets: [{ id: 's', rules }] });

// ---------------------------------------------------------------------------------------------
// The database side

const PROPERTY_PROJECT = 'p';
const CASES_PROJECT = 'h';

/** Replaces the project's users with these JSON texts (each a UserRecord). */
async function putUsers(database: Database, project: string, texts: string[]) {
  await database.db.execute(sql`delete from users where project_id = ${project}`);
  await database.db.execute(
    sql`insert into users (project_id, id, data)
        select ${project}, r.v->>'id', r.v from jsonb_array_elements(${`[${texts.join(',')}]`}::jsonb) as r(v)`,
  );
}

/** Per user (by id), each condition's value: `true`, `false` or (a bug) `null`. */
async function evaluate(database: Database, project: string, conditions: SQL[]) {
  const result = await rows<{ id: string; m: (boolean | null)[] }>(
    database.db,
    sql`select u.id, to_jsonb(array[${sql.join(conditions, sql`, `)}]::boolean[]) as m
        from users u where u.project_id = ${project} order by u.id`,
  );
  return new Map(result.map((row) => [row.id, row.m]));
}

async function matchingIds(database: Database, project: string, condition: SQL) {
  const result = await rows<{ id: string }>(
    database.db,
    sql`select u.id from users u where u.project_id = ${project} and ${condition} order by u.id`,
  );
  return result.map((row) => row.id);
}

// ---------------------------------------------------------------------------------------------
// Generators

/** Top-level attribute names users hold. */
const FIELDS = [
  'a',
  'b',
  'plan',
  'a.b',
  "it's",
  'x"y',
  'ünï',
  '日本',
  ' ',
  'constructor',
  '__proto__',
  'toString',
] as const;
/** Rule fields: the users' names, one nobody holds, and names PostgreSQL cannot hold. */
const RULE_FIELDS = [...FIELDS, 'missing', 'a\u0000', '\ud83d', ''] as const;

const STRINGS = [
  '',
  'a',
  'ab',
  'abc',
  'A',
  'Abc',
  'b',
  '%',
  'a%',
  '%c',
  'a%c',
  '_',
  'a_c',
  'a_',
  '\\',
  "it's",
  '"',
  'null',
  '1',
  'true',
  '[1]',
  'é',
  'e\u0301',
  '日本',
  '日本語',
  '😀',
  '😀x',
  'x😀',
  ' ab',
] as const;
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  2,
  10,
  100,
  1.5,
  -2.5,
  0.1,
  0.3,
  0.1 + 0.2,
  1e21,
  -1e21,
  1e-7,
  2 ** 53 + 2,
  123456789.123,
] as const;
/** Rule values only: not JSON, or text PostgreSQL cannot hold. */
const RULE_ONLY = [
  'a\u0000',
  '\ud83d',
  '\ude00',
  '\ude00x',
  'x\ud83d',
  '\ud83dx',
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
] as const;

const scalarArb: fc.Arbitrary<JsonValue> = fc.oneof(
  { arbitrary: fc.constantFrom(...STRINGS), weight: 4 },
  { arbitrary: fc.constantFrom(...NUMBERS), weight: 3 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
);

const objectOf = <T>(keys: fc.Arbitrary<string>, values: fc.Arbitrary<T>, maxLength: number) =>
  fc
    .uniqueArray(fc.tuple(keys, values), { selector: ([key]) => key, maxLength })
    .map((entries) => Object.fromEntries(entries) as Record<string, T>);

const { json: jsonArb } = fc.letrec<{ json: JsonValue }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    { arbitrary: scalarArb, weight: 6 },
    { arbitrary: fc.array(tie('json'), { maxLength: 4 }), weight: 2 },
    { arbitrary: objectOf(fc.constantFrom('a', 'b', 'x'), tie('json'), 3), weight: 1 },
  ),
}));

const BRANCHES = ['b1', 'b2', 'B1', 'b 3'] as const;
const STATUSES = ['active', 'inactive', 'pending'] as const;

/** Most rules and users use two names, so rules mostly meet a value; the rest are corners. */
const fieldArb = <T extends string>(names: readonly T[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom('a', 'b'), weight: 3 },
    { arbitrary: fc.constantFrom(...names), weight: 1 },
  );

const userArb = fc.record({
  attributes: objectOf(
    fieldArb(FIELDS),
    fc.oneof(
      { arbitrary: jsonArb, weight: 3 },
      { arbitrary: fc.constantFrom(...STRINGS), weight: 1 },
    ),
    5,
  ),
  branchId: fc.constantFrom(null, ...BRANCHES),
  status: fc.constantFrom(...STATUSES),
  decimalInts: fc.boolean(),
});

const anyRuleValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: jsonArb, weight: 4 },
  {
    arbitrary: fc.array(fc.oneof(scalarArb, fc.constantFrom(...RULE_ONLY)), { maxLength: 4 }),
    weight: 1,
  },
  { arbitrary: fc.constantFrom(...RULE_ONLY), weight: 1 },
);

const OPS = ['eq', 'neq', 'contains', 'starts_with', 'gt', 'lt', 'in', 'exists'] as const;

/** What each operator is meant to take (most of the time), so rules hold for some users. */
const typedValue: Record<(typeof OPS)[number], fc.Arbitrary<unknown>> = {
  eq: scalarArb,
  neq: scalarArb,
  contains: fc.oneof(
    { arbitrary: fc.constantFrom(...STRINGS, '\ud83d', '\ude00', '\ude00x'), weight: 3 },
    { arbitrary: scalarArb, weight: 1 },
  ),
  starts_with: fc.constantFrom(...STRINGS, '\ud83d', '\ude00x'),
  gt: fc.constantFrom(...NUMBERS, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN),
  lt: fc.constantFrom(...NUMBERS, Number.NaN),
  in: fc.array(scalarArb, { minLength: 1, maxLength: 5 }),
  exists: fc.constant(undefined),
};

const attributeRuleArb: fc.Arbitrary<Rule> = fc
  .constantFrom(...OPS, 'bogus')
  .chain((op) =>
    fc.tuple(
      fc.constant(op),
      fieldArb(RULE_FIELDS),
      fc.oneof(
        {
          arbitrary: op === 'bogus' ? fc.constant(undefined) : typedValue[op],
          weight: 6,
        },
        // Anything else, or no value at all.
        { arbitrary: anyRuleValueArb, weight: 2 },
        { arbitrary: fc.constant(undefined), weight: 1 },
      ),
    ),
  )
  .map(([op, field, value]) =>
    value === undefined ? attribute(field, op) : attribute(field, op, value),
  );

const ruleArb: fc.Arbitrary<Rule> = fc.oneof(
  { arbitrary: attributeRuleArb, weight: 8 },
  { arbitrary: fc.subarray([...BRANCHES, 'x', null]).map((ids) => branch(...ids)), weight: 1 },
  { arbitrary: fc.constantFrom(...STATUSES).map(status), weight: 1 },
);

const ruleSetArb: fc.Arbitrary<RuleSet> = fc.record({
  operator: fc.constantFrom('AND', 'OR'),
  sets: fc.array(fc.record({ id: fc.constant('s'), rules: fc.array(ruleArb, { maxLength: 3 }) }), {
    maxLength: 3,
  }),
});

// ---------------------------------------------------------------------------------------------
// The suites

const RUNS = 20;
const RULE_SETS_PER_RUN = 10;
/** More rules per run, each checked alone. */
const RULES_PER_RUN = 40;
const USERS_PER_RUN = 60;

describe.each(databaseTargets)('ruleSetCondition on $name', (target) => {
  let database: Database;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ database, cleanup } = await target.open());
    await database.db.execute(
      sql`insert into projects (id) values (${PROPERTY_PROJECT}), (${CASES_PROJECT})`,
    );
  });
  afterAll(async () => {
    await cleanup?.();
  });

  /**
   * Inserts the users (as JSON text), asserts the engine's answer is `expected`, then that SQL
   * (`where`, and `not` for the complement) finds exactly those users.
   */
  async function check(
    users: (UserSpec & { json?: string })[],
    ruleset: RuleSet,
    expected: string[],
  ) {
    const texts = users.map((user) => user.json ?? JSON.stringify(userRecord(user)));
    const engine = texts
      .map((text) => JSON.parse(text) as UserRecord)
      .filter((user) => matchesRuleSet(ruleset, user))
      .map((user) => user.id)
      .sort();
    expect(engine, 'the engine').toEqual([...expected].sort());
    await putUsers(database, CASES_PROJECT, texts);
    const condition = ruleSetCondition(ruleset);
    expect(await matchingIds(database, CASES_PROJECT, condition), 'SQL').toEqual(engine);
    const others = texts
      .map((text) => (JSON.parse(text) as UserRecord).id)
      .filter((id) => !engine.includes(id));
    expect(await matchingIds(database, CASES_PROJECT, sql`not ${condition}`), 'SQL, not').toEqual(
      others.sort(),
    );
  }

  /** One user per value of attribute `field` (`missing`: without it), ids `u0`, `u1`… */
  const withValues = (field: string, values: (JsonValue | 'MISSING')[]) =>
    values.map((value, i) => ({
      id: `u${i}`,
      attributes: value === 'MISSING' ? {} : { [field]: value },
    }));
  const M = 'MISSING' as const;

  it('agrees with matchesRuleSet on random users and rule sets', { timeout: 120_000 }, async () => {
    const outcomes = new Map<string, { held: number; failed: number }>();
    let setsMatchingSome = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(userArb, { minLength: USERS_PER_RUN, maxLength: USERS_PER_RUN }),
        fc.array(ruleSetArb, { minLength: RULE_SETS_PER_RUN, maxLength: RULE_SETS_PER_RUN }),
        fc.array(ruleArb, { minLength: RULES_PER_RUN, maxLength: RULES_PER_RUN }),
        async (specs, ruleSets, rules) => {
          const texts = specs.map(({ decimalInts, ...spec }, i) =>
            jsonText(userRecord({ id: `u${String(i).padStart(2, '0')}`, ...spec }), decimalInts),
          );
          // The engine sees what the server would load: the stored JSON, parsed.
          const users = texts.map((text) => JSON.parse(text) as UserRecord);
          await putUsers(database, PROPERTY_PROJECT, texts);
          // Each rule set, then each of its rules alone and more rules alone (a sharper check
          // per operator), all in one query.
          const singles = [
            ...ruleSets.flatMap((rs) => rs.sets.flatMap((set) => set.rules)),
            ...rules,
          ].map((rule) => all(rule));
          const checked = [...ruleSets, ...singles];
          const got = await evaluate(database, PROPERTY_PROJECT, checked.map(ruleSetCondition));
          expect(got.size).toBe(users.length);
          checked.forEach((ruleset, k) => {
            const want = users.map((user) => matchesRuleSet(ruleset, user));
            const have = users.map((user) => got.get(user.id)?.[k]);
            const wrong = users.findIndex((_, i) => have[i] !== want[i]);
            if (wrong >= 0) {
              // The rule set and the first user SQL disagrees on, and what each said.
              expect({ ruleset, user: users[wrong], sql: have[wrong] }).toEqual({
                ruleset,
                user: users[wrong],
                sql: want[wrong],
              });
            }
            if (k < ruleSets.length) {
              if (want.some(Boolean)) setsMatchingSome++;
              return;
            }
            const [rule] = ruleset.sets.flatMap((set) => set.rules);
            const key = rule?.type === 'attribute' ? rule.payload.op : String(rule?.type);
            const outcome = outcomes.get(key) ?? { held: 0, failed: 0 };
            outcome.held += want.filter(Boolean).length;
            outcome.failed += want.filter((w) => !w).length;
            outcomes.set(key, outcome);
          });
        },
      ),
      { seed: 20260601, numRuns: RUNS },
    );
    // The generators reach every operator both ways, and rule sets that match some users.
    for (const key of [...OPS, 'branch', 'status']) {
      expect(outcomes.get(key)?.held, `${key} held for some user`).toBeGreaterThan(0);
      expect(outcomes.get(key)?.failed, `${key} failed for some user`).toBeGreaterThan(0);
    }
    expect(setsMatchingSome).toBeGreaterThan((RUNS * RULE_SETS_PER_RUN) / 10);
  });

  describe('sets and operators', () => {
    const users = [
      { id: 'u0', status: 'active' as const },
      { id: 'u1', status: 'inactive' as const },
    ];
    const active = status('active');
    const inactive = status('inactive');

    it('no sets match nobody; a set without rules never holds', async () => {
      await check(users, { operator: 'AND', sets: [] }, []);
      await check(users, { operator: 'OR', sets: [] }, []);
      await check(users, { operator: 'AND', sets: [{ id: 's', rules: [] }] }, []);
      await check(
        users,
        {
          operator: 'OR',
          sets: [
            { id: 's', rules: [] },
            { id: 't', rules: [active] },
          ],
        },
        ['u0'],
      );
      await check(
        users,
        {
          operator: 'AND',
          sets: [
            { id: 's', rules: [] },
            { id: 't', rules: [active] },
          ],
        },
        [],
      );
    });

    it('AND needs every set, OR one; inside a set every rule holds', async () => {
      const sets = [
        { id: 's', rules: [active] },
        { id: 't', rules: [inactive] },
      ];
      await check(users, { operator: 'AND', sets }, []);
      await check(users, { operator: 'OR', sets }, ['u0', 'u1']);
      await check(users, all(active, inactive), []);
      await check(users, all(active, active), ['u0']);
    });

    it('any operator but AND counts as OR', async () => {
      const sets = [
        { id: 's', rules: [active] },
        { id: 't', rules: [inactive] },
      ];
      await check(users, { operator: 'and' as 'AND', sets }, ['u0', 'u1']);
    });
  });

  describe('attribute names', () => {
    it('are parameters: quotes, dots, unicode, SQL, empty', async () => {
      for (const field of [
        "it's",
        'x"y',
        'ünï',
        '日本',
        "'; drop table users; --",
        '\\',
        '',
        '$1',
      ]) {
        await check(withValues(field, ['v', M]), all(attribute(field, 'eq', 'v')), ['u0']);
      }
      // A dot is part of the name, not a path.
      await check(
        [
          { id: 'u0', attributes: { 'a.b': 1 } },
          { id: 'u1', attributes: { a: { b: 1 } } },
        ],
        all(attribute('a.b', 'exists')),
        ['u0'],
      );
    });

    it('PostgreSQL cannot hold U+0000 or a lone surrogate: no user has such an attribute', async () => {
      const users = withValues('a', ['v']);
      await check(users, all(attribute('a\u0000', 'exists')), []);
      await check(users, all(attribute('\ud83d', 'neq', 'v')), ['u0']);
      // undefined === undefined
      await check(users, all(attribute('a\u0000', 'eq')), ['u0']);
    });

    it('names Object.prototype has are missing unless the user has them (own keys only)', async () => {
      for (const field of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
        const users = withValues(field, [M, 'v', null]);
        await check(users, all(attribute(field, 'exists')), ['u1']);
        await check(users, all(attribute(field, 'eq')), ['u0']);
        await check(users, all(attribute(field, 'neq')), ['u1', 'u2']);
        await check(users, all(attribute(field, 'eq', 'v')), ['u1']);
        await check(users, all(attribute(field, 'eq', null)), ['u2']);
        await check(users, all(attribute(field, 'contains', 'v')), ['u1']);
        await check(users, all(attribute(field, 'in', ['v', null])), ['u1', 'u2']);
      }
    });
  });

  describe('eq and neq are === and !==', () => {
    it('a missing attribute is undefined, a stored null is null', async () => {
      const users = withValues('a', [M, null, 'x']);
      await check(users, all(attribute('a', 'eq', null)), ['u1']);
      await check(users, all(attribute('a', 'neq', null)), ['u0', 'u2']);
      await check(users, all(attribute('a', 'neq', 'x')), ['u0', 'u1']);
      // No value: undefined === undefined only for users without the attribute.
      await check(users, all(attribute('a', 'eq')), ['u0']);
      await check(users, all(attribute('a', 'neq')), ['u1', 'u2']);
    });

    it('objects and arrays are never === to anything, even with equal content', async () => {
      const users = withValues('a', [{ x: 1 }, [1, 2], [], {}, M]);
      for (const value of [{ x: 1 }, [1, 2], [], {}]) {
        await check(users, all(attribute('a', 'eq', value)), []);
        await check(users, all(attribute('a', 'neq', value)), ['u0', 'u1', 'u2', 'u3', 'u4']);
      }
    });

    it('numbers numerically (1 is 1.0), never equal to strings or booleans', async () => {
      const users = [
        { id: 'u0', json: jsonText(userRecord({ id: 'u0', attributes: { a: 1 } }), true) },
        { id: 'u1', attributes: { a: 1 } },
        {
          id: 'u2',
          json: jsonText(userRecord({ id: 'u2', attributes: { a: 1 } }), false).replace(
            '"a":1',
            '"a":100e-2',
          ),
        },
        { id: 'u3', attributes: { a: '1' } },
        { id: 'u4', attributes: { a: true } },
        { id: 'u5', attributes: { a: 1.5 } },
        { id: 'u6', attributes: { a: -0 } },
      ];
      expect(users[0]?.json).toContain('"a":1.0');
      expect(users[2]?.json).toContain('"a":100e-2');
      await check(users, all(attribute('a', 'eq', 1)), ['u0', 'u1', 'u2']);
      await check(users, all(attribute('a', 'eq', 1.0)), ['u0', 'u1', 'u2']);
      await check(users, all(attribute('a', 'neq', 1)), ['u3', 'u4', 'u5', 'u6']);
      await check(users, all(attribute('a', 'eq', '1')), ['u3']);
      await check(users, all(attribute('a', 'eq', true)), ['u4']);
      await check(users, all(attribute('a', 'eq', 0)), ['u6']);
      await check(users, all(attribute('a', 'eq', -0)), ['u6']);
      await check(users, all(attribute('a', 'eq', 0.1 + 0.2)), []);
    });

    it('strings exactly: case, accents as stored, U+0000 never', async () => {
      const users = withValues('a', ['Abc', 'abc', 'é', 'e\u0301', 'a']);
      await check(users, all(attribute('a', 'eq', 'abc')), ['u1']);
      await check(users, all(attribute('a', 'eq', 'é')), ['u2']);
      await check(users, all(attribute('a', 'eq', 'e\u0301')), ['u3']);
      await check(users, all(attribute('a', 'eq', 'a\u0000')), []);
      await check(users, all(attribute('a', 'neq', 'a\u0000')), ['u0', 'u1', 'u2', 'u3', 'u4']);
      await check(users, all(attribute('a', 'eq', '\ud83d')), []);
    });

    it('NaN and the infinities equal nothing', async () => {
      const users = withValues('a', [1, null, M]);
      for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
        await check(users, all(attribute('a', 'eq', value)), []);
        await check(users, all(attribute('a', 'neq', value)), ['u0', 'u1', 'u2']);
      }
    });
  });

  describe('contains', () => {
    it('is a case-sensitive substring test; % and _ are plain characters', async () => {
      const users = withValues('a', ['abc', 'a%c', 'a_c', 'ABC', 'x\\y', '', M]);
      await check(users, all(attribute('a', 'contains', 'b')), ['u0']);
      await check(users, all(attribute('a', 'contains', '%')), ['u1']);
      await check(users, all(attribute('a', 'contains', '_')), ['u2']);
      await check(users, all(attribute('a', 'contains', 'a%')), ['u1']);
      await check(users, all(attribute('a', 'contains', '\\')), ['u4']);
      await check(users, all(attribute('a', 'contains', 'B')), ['u3']);
      // Every string holds the empty string.
      await check(users, all(attribute('a', 'contains', '')), ['u0', 'u1', 'u2', 'u3', 'u4', 'u5']);
      await check(users, all(attribute('a', 'contains', 'a\u0000')), []);
      await check(users, all(attribute('a', 'contains')), []);
    });

    it('compares UTF-16 code units: half a surrogate pair matches', async () => {
      const users = withValues('a', ['😀', 'x😀y', '😀x', '😁', 'a']);
      await check(users, all(attribute('a', 'contains', '\ud83d')), ['u0', 'u1', 'u2', 'u3']);
      await check(users, all(attribute('a', 'contains', '\ude00')), ['u0', 'u1', 'u2']);
      await check(users, all(attribute('a', 'contains', '\ude00x')), ['u2']);
      await check(users, all(attribute('a', 'contains', 'x\ud83d')), ['u1']);
      await check(users, all(attribute('a', 'contains', '\ude00y')), ['u1']);
      await check(users, all(attribute('a', 'contains', '\ud83dx')), []);
      await check(users, all(attribute('a', 'starts_with', '\ud83d')), ['u0', 'u2', 'u3']);
      await check(users, all(attribute('a', 'starts_with', '\ude00')), []);
      // An array element is compared whole.
      await check(withValues('a', [['😀']]), all(attribute('a', 'contains', '\ud83d')), []);
    });

    it('on an array is includes(): scalars by ===, objects and arrays never', async () => {
      const decimal = {
        id: 'u7',
        json: jsonText(userRecord({ id: 'u7', attributes: { a: [1] } }), true),
      };
      expect(decimal.json).toContain('[1.0]');
      const users = [
        ...withValues('a', [['x', 1, null, true], [{ x: 1 }], [[1]], ['X'], 'x', 1, M]),
        decimal,
      ];
      await check(users, all(attribute('a', 'contains', 'x')), ['u0', 'u4']);
      await check(users, all(attribute('a', 'contains', 1)), ['u0', 'u7']);
      await check(users, all(attribute('a', 'contains', null)), ['u0']);
      await check(users, all(attribute('a', 'contains', true)), ['u0']);
      await check(users, all(attribute('a', 'contains', false)), []);
      await check(users, all(attribute('a', 'contains', { x: 1 })), []);
      await check(users, all(attribute('a', 'contains', [1])), []);
      await check(users, all(attribute('a', 'contains')), []);
      await check(users, all(attribute('a', 'contains', Number.NaN)), []);
    });
  });

  describe('starts_with', () => {
    it('is a case-sensitive prefix test on strings only', async () => {
      const users = withValues('a', ['abc', 'Abc', '%bc', '_bc', ['abc'], 1, M]);
      await check(users, all(attribute('a', 'starts_with', 'ab')), ['u0']);
      await check(users, all(attribute('a', 'starts_with', 'abc')), ['u0']);
      await check(users, all(attribute('a', 'starts_with', 'abcd')), []);
      await check(users, all(attribute('a', 'starts_with', '%')), ['u2']);
      await check(users, all(attribute('a', 'starts_with', '_')), ['u3']);
      await check(users, all(attribute('a', 'starts_with', '')), ['u0', 'u1', 'u2', 'u3']);
      await check(users, all(attribute('a', 'starts_with', 1)), []);
      await check(users, all(attribute('a', 'starts_with')), []);
    });
  });

  describe('gt and lt', () => {
    it('compare numbers only, numerically', async () => {
      const users = withValues('a', [-1, 0, 0.5, 1, 2.5, 1e21, '5', true, null, [3], M]);
      await check(users, all(attribute('a', 'gt', 0)), ['u2', 'u3', 'u4', 'u5']);
      await check(users, all(attribute('a', 'lt', 0)), ['u0']);
      await check(users, all(attribute('a', 'gt', -1)), ['u1', 'u2', 'u3', 'u4', 'u5']);
      await check(users, all(attribute('a', 'lt', 1)), ['u0', 'u1', 'u2']);
      await check(users, all(attribute('a', 'gt', 1e20)), ['u5']);
      await check(users, all(attribute('a', 'gt', 0.49999999999999994)), ['u2', 'u3', 'u4', 'u5']);
      await check(users, all(attribute('a', 'gt', '0')), []);
      await check(users, all(attribute('a', 'lt', '9')), []);
      await check(users, all(attribute('a', 'gt')), []);
    });

    it('NaN never holds; every stored number is below Infinity', async () => {
      const users = withValues('a', [-1e21, 0, 1e21, '1', M]);
      const numbers = ['u0', 'u1', 'u2'];
      await check(users, all(attribute('a', 'gt', Number.NaN)), []);
      await check(users, all(attribute('a', 'lt', Number.NaN)), []);
      await check(users, all(attribute('a', 'lt', Number.POSITIVE_INFINITY)), numbers);
      await check(users, all(attribute('a', 'gt', Number.POSITIVE_INFINITY)), []);
      await check(users, all(attribute('a', 'gt', Number.NEGATIVE_INFINITY)), numbers);
      await check(users, all(attribute('a', 'lt', Number.NEGATIVE_INFINITY)), []);
    });
  });

  describe('in', () => {
    it('is expected.includes(actual): scalars by ===, a missing attribute never', async () => {
      const users = [
        ...withValues('a', ['x', 1, null, true, M, [1], { x: 1 }, 'X']),
        { id: 'u8', json: jsonText(userRecord({ id: 'u8', attributes: { a: 1 } }), true) },
      ];
      await check(users, all(attribute('a', 'in', ['x', 1])), ['u0', 'u1', 'u8']);
      await check(users, all(attribute('a', 'in', [null])), ['u2']);
      await check(users, all(attribute('a', 'in', [true, false])), ['u3']);
      await check(users, all(attribute('a', 'in', [[1], { x: 1 }])), []);
      await check(users, all(attribute('a', 'in', [])), []);
      await check(users, all(attribute('a', 'in', ['x\u0000', 'X', Number.NaN])), ['u7']);
      // Not an array: never.
      await check(users, all(attribute('a', 'in', 'x')), []);
      await check(users, all(attribute('a', 'in', { x: 1 })), []);
      await check(users, all(attribute('a', 'in')), []);
    });
  });

  describe('exists', () => {
    it('is present and not null; false, 0 and "" exist', async () => {
      const users = withValues('a', [false, 0, '', [], {}, null, M]);
      await check(users, all(attribute('a', 'exists')), ['u0', 'u1', 'u2', 'u3', 'u4']);
      // The value is ignored.
      await check(users, all(attribute('a', 'exists', 'zzz')), ['u0', 'u1', 'u2', 'u3', 'u4']);
    });
  });

  it('an unknown operator never holds', async () => {
    const users = withValues('a', ['x', M]);
    await check(users, all(attribute('a', 'EQ', 'x')), []);
    await check(users, all(attribute('a', 'toString', 'x')), []);
    await check(users, all(attribute('a', '', 'x')), []);
  });

  describe('branch and status', () => {
    const users = [
      { id: 'u0', branchId: 'b1' },
      { id: 'u1', branchId: 'B1' },
      { id: 'u2', branchId: null },
      { id: 'u3', branchId: "b'2" },
    ];

    it('branch: a branch, and it is listed', async () => {
      await check(users, all(branch('b1')), ['u0']);
      await check(users, all(branch('b1', "b'2")), ['u0', 'u3']);
      await check(users, all(branch()), []);
      // A null in the list (not valid input) still never matches a user without a branch.
      await check(users, all(branch(null, 'B1')), ['u1']);
      await check(users, all(branch('b1\u0000', '\ud83d')), []);
    });

    it('status: equal', async () => {
      const statuses = [
        { id: 'u0', status: 'active' as const },
        { id: 'u1', status: 'inactive' as const },
        { id: 'u2', status: 'pending' as const },
      ];
      await check(statuses, all(status('pending')), ['u2']);
      await check(statuses, all(status('Active')), []);
      await check(statuses, all(status('active\u0000')), []);
    });

    it('an unknown rule type never holds', async () => {
      await check(users, all({ id: 'r', type: 'role', payload: {} } as unknown as Rule), []);
    });
  });
});
