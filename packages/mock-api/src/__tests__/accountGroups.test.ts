import { describe, expect, it } from 'vitest';
import { createGroupsEngine } from '../engine/createGroupsEngine';
import { thrown } from './support/thrown';

const T0 = new Date('2026-11-23T12:00:00Z');

/** An engine on a clock the test moves by hand. */
function engineWithClock() {
  let clock = T0;
  const engine = createGroupsEngine({ now: () => clock });
  return {
    engine,
    advance(ms: number) {
      clock = new Date(clock.getTime() + ms);
      return clock;
    },
  };
}

describe('identifyGroup: create or merge', () => {
  it('creates an unknown group with its properties, named by `name`', () => {
    const engine = createGroupsEngine({ now: () => T0 });
    const result = engine.identifyGroup({
      identifier: 'globex',
      properties: { name: 'Globex Corp', plan: 'free', seats: 3 },
    });
    expect(result).toEqual({
      created: true,
      group: {
        id: 'globex',
        name: 'Globex Corp',
        properties: { name: 'Globex Corp', plan: 'free', seats: 3 },
        createdAt: T0.toISOString(),
        updatedAt: T0.toISOString(),
      },
    });
    expect(engine.getAccountGroup('globex')).toEqual(result.group);
  });

  it('names a group without a name property after its identifier', () => {
    const engine = createGroupsEngine();
    const { group } = engine.identifyGroup({ identifier: 'team-7', properties: { seats: 1 } });
    expect(group.name).toBe('team-7');
  });

  it('creates a group when properties are left out', () => {
    const engine = createGroupsEngine();
    const { group, created } = engine.identifyGroup({ identifier: 'initech' });
    expect(created).toBe(true);
    expect(group.properties).toEqual({});
  });

  it('merges into an existing group: new keys added, existing overwritten, others kept', () => {
    const engine = createGroupsEngine();
    const result = engine.identifyGroup({
      identifier: 'acme',
      properties: { plan: 'Enterprise', industry: 'anvils' },
    });
    expect(result.created).toBe(false);
    expect(result.group.properties).toEqual({
      name: 'Acme Co.',
      plan: 'Enterprise',
      seats: 25,
      region: 'eu',
      industry: 'anvils',
    });
    expect(engine.getAccountGroup('acme').properties.plan).toBe('Enterprise');
  });

  it('renames the group when `name` changes, and keeps the name when it is not sent', () => {
    const engine = createGroupsEngine();
    expect(
      engine.identifyGroup({ identifier: 'acme', properties: { name: 'Acme Holdings' } }).group
        .name,
    ).toBe('Acme Holdings');
    expect(engine.identifyGroup({ identifier: 'acme', properties: { seats: 30 } }).group.name).toBe(
      'Acme Holdings',
    );
  });

  it('removes a key sent as null, and falls back to the identifier once `name` is gone', () => {
    const engine = createGroupsEngine();
    const { group } = engine.identifyGroup({
      identifier: 'acme',
      properties: { region: null, name: null },
    });
    expect(group.properties).toEqual({ plan: 'Pro', seats: 25 });
    expect(group.name).toBe('acme');
  });

  it('stores nested objects and arrays as given, nested nulls included', () => {
    const engine = createGroupsEngine();
    const address = { city: 'London', lines: ['1 Main St', null], geo: { lat: 51.5, lng: -0.12 } };
    engine.identifyGroup({ identifier: 'acme', properties: { address, tags: [] } });
    const stored = engine.getAccountGroup('acme').properties;
    expect(stored.address).toEqual(address);
    expect(stored.tags).toEqual([]);
  });

  it('keeps its own copy: changing the caller object afterwards changes nothing stored', () => {
    const engine = createGroupsEngine();
    const address = { city: 'London' };
    engine.identifyGroup({ identifier: 'acme', properties: { address } });
    address.city = 'Paris';
    expect(engine.getAccountGroup('acme').properties.address).toEqual({ city: 'London' });
  });

  it('moves updatedAt on every identify and keeps createdAt', () => {
    const { engine, advance } = engineWithClock();
    const first = engine.identifyGroup({ identifier: 'globex', properties: { plan: 'free' } });
    const later = advance(60_000);
    const second = engine.identifyGroup({ identifier: 'globex', properties: { plan: 'pro' } });
    expect(second.group.createdAt).toBe(first.group.createdAt);
    expect(second.group.updatedAt).toBe(later.toISOString());
    // What the first call returned still shows the group as it was then.
    expect(first.group.updatedAt).toBe(T0.toISOString());
    expect(first.group.properties.plan).toBe('free');
  });
});

describe('identifyGroup: limits', () => {
  const keys = (n: number, prefix = 'k') =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, i]));

  it('accepts exactly 100 keys', () => {
    const engine = createGroupsEngine();
    const { group } = engine.identifyGroup({ identifier: 'big', properties: keys(100) });
    expect(Object.keys(group.properties)).toHaveLength(100);
  });

  it('counts the keys after the merge: 4 stored + 97 new is refused, and nothing changes', () => {
    const engine = createGroupsEngine();
    const before = engine.getAccountGroup('acme');
    const error = thrown(() => engine.identifyGroup({ identifier: 'acme', properties: keys(97) }));
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(400);
    expect(error.message).toContain('101');
    expect(error.message).toContain('100');
    expect(error.details).toMatchObject({ field: 'properties', count: 101, limit: 100 });
    expect(engine.getAccountGroup('acme')).toEqual(before);
  });

  it('lets a merge that removes keys with null stay under the limit', () => {
    const engine = createGroupsEngine();
    const { group } = engine.identifyGroup({
      identifier: 'acme',
      properties: { ...keys(97), region: null },
    });
    expect(Object.keys(group.properties)).toHaveLength(100);
  });

  it('refuses a key over 255 characters, naming it in details.key', () => {
    const engine = createGroupsEngine();
    const key = 'x'.repeat(256);
    const error = thrown(() =>
      engine.identifyGroup({ identifier: 'acme', properties: { [key]: 1 } }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.details).toMatchObject({ field: 'properties', key, length: 256, limit: 255 });
    expect(
      Object.keys(
        engine.identifyGroup({ identifier: 'acme', properties: { ['y'.repeat(255)]: 1 } }).group
          .properties,
      ),
    ).toContain('y'.repeat(255));
  });

  it('refuses properties over 64 KB of JSON with 413 for direct engine callers too', () => {
    const engine = createGroupsEngine();
    const error = thrown(() =>
      engine.identifyGroup({ identifier: 'acme', properties: { blob: 'a'.repeat(70_000) } }),
    );
    expect(error.code).toBe('payload_too_large');
    expect(error.status).toBe(413);
    expect(error.details).toMatchObject({ limit: 65_536 });
  });

  it('refuses a merge that would grow the stored properties past 64 KB', () => {
    const engine = createGroupsEngine();
    engine.identifyGroup({ identifier: 'acme', properties: { a: 'a'.repeat(40_000) } });
    const error = thrown(() =>
      engine.identifyGroup({ identifier: 'acme', properties: { b: 'b'.repeat(40_000) } }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('after the merge');
    expect(engine.getAccountGroup('acme').properties.b).toBeUndefined();
  });
});

describe('identifyGroup: refused input', () => {
  it.each([
    ['undefined', { a: undefined }, 'properties.a'],
    ['a function', { a: () => 1 }, 'properties.a'],
    ['NaN', { a: Number.NaN }, 'properties.a'],
    ['Infinity', { nested: { n: Number.POSITIVE_INFINITY } }, 'properties.nested.n'],
    ['a Date', { at: new Date(0) }, 'properties.at'],
    ['a bigint', { n: 1n }, 'properties.n'],
    ['a Map', { m: new Map() }, 'properties.m'],
    ['undefined inside an array', { list: [1, undefined] }, 'properties.list[1]'],
    ['a hole in a sparse array', { list: Object.assign([1], { 2: 3 }) }, 'properties.list[1]'],
    [
      'a key that is not an identifier',
      { 'first name': { x: undefined } },
      'properties["first name"].x',
    ],
  ])('refuses %s, naming where it is', (_, properties, field) => {
    const engine = createGroupsEngine();
    const error = thrown(() => engine.identifyGroup({ identifier: 'acme', properties }));
    expect(error.code).toBe('validation_failed');
    expect(error.details.field).toBe(field);
  });

  it('refuses a cycle instead of overflowing the stack', () => {
    const engine = createGroupsEngine();
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    const error = thrown(() => engine.identifyGroup({ identifier: 'acme', properties: { loop } }));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('nests deeper than');
  });

  it.each([
    ['an array', ['a']],
    ['a string', 'plan=pro'],
    ['null', null],
  ])('refuses properties that are %s', (_, properties) => {
    const error = thrown(() =>
      createGroupsEngine().identifyGroup({ identifier: 'acme', properties }),
    );
    expect(error.details.field).toBe('properties');
  });

  it('refuses a name that is not a non-empty string', () => {
    const engine = createGroupsEngine();
    for (const name of [42, '', { first: 'Acme' }]) {
      const error = thrown(() =>
        engine.identifyGroup({ identifier: 'acme', properties: { name } }),
      );
      expect(error.details.field).toBe('properties.name');
    }
    expect(engine.getAccountGroup('acme').name).toBe('Acme Co.');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not a string', 42],
    ['starting with a dash', '-acme'],
    ['with a space', 'acme corp'],
    ['with a slash', 'acme/eu'],
    ['starting with an underscore', '_acme'],
    ['longer than 255', 'a'.repeat(256)],
  ])('refuses an identifier %s', (_, identifier) => {
    const error = thrown(() => createGroupsEngine().identifyGroup({ identifier, properties: {} }));
    expect(error.code).toBe('validation_failed');
    expect(error.details.field).toBe('identifier');
  });

  it.each(['acme', 'Acme.EU', 'org:42', 'team_a-1', '7eleven'])(
    'accepts the identifier %s',
    (identifier) => {
      expect(createGroupsEngine().identifyGroup({ identifier }).group.id).toBe(identifier);
    },
  );

  it('accepts an identifier of exactly 255 characters', () => {
    const identifier = 'a'.repeat(255);
    expect(createGroupsEngine().identifyGroup({ identifier }).group.id).toBe(identifier);
  });

  it('refuses unknown body fields, so a typo is not silently ignored', () => {
    const error = thrown(() =>
      createGroupsEngine().identifyGroup({ identifier: 'acme', propertes: { plan: 'x' } }),
    );
    expect(error.details.field).toBe('propertes');
  });
});
