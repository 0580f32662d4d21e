import { describe, expect, it } from 'vitest';
import { createGroupsEngine } from '../engine/createGroupsEngine';
import { thrown } from './support/thrown';

const now = () => new Date('2026-11-23T12:00:00Z');

const browserIdentify = (engine: ReturnType<typeof createGroupsEngine>, properties: object) =>
  engine.identifyGroup({ identifier: 'acme', properties }, { scope: 'publishable' });

describe('identify with a publishable key: only client-writable properties', () => {
  it('writes an allowed key, nested values and removal included', () => {
    const engine = createGroupsEngine({ now });
    browserIdentify(engine, { onboarding: { step: 2, seen: ['welcome'] } });
    expect(engine.getAccountGroup('acme').properties.onboarding).toEqual({
      step: 2,
      seen: ['welcome'],
    });
    browserIdentify(engine, { onboarding: null });
    expect(engine.getAccountGroup('acme').properties).not.toHaveProperty('onboarding');
  });

  it('refuses the whole write at the first other key, naming it, and stores nothing', () => {
    const engine = createGroupsEngine({ now });
    const before = engine.snapshot();
    const error = thrown(() => browserIdentify(engine, { onboarding: { step: 3 }, plan: 'Free' }));
    expect(error.code).toBe('property_not_writable');
    expect(error.status).toBe(403);
    expect(error.details).toEqual({ property: 'plan' });
    expect(error.message).toContain('"plan"');
    expect(error.message).toContain('"onboarding"');
    expect(engine.snapshot()).toEqual(before);
  });

  it('treats removing a key as writing it', () => {
    const engine = createGroupsEngine({ now });
    expect(thrown(() => browserIdentify(engine, { seats: null })).details).toEqual({
      property: 'seats',
    });
    expect(engine.getAccountGroup('acme').properties.seats).toBe(25);
  });

  it('allows top-level keys only: a dotted name is a key of its own, not a path', () => {
    const engine = createGroupsEngine({ now });
    engine.updateProject({ clientWritableProperties: ['onboarding.step'] });
    expect(thrown(() => browserIdentify(engine, { onboarding: { step: 1 } })).code).toBe(
      'property_not_writable',
    );
    browserIdentify(engine, { 'onboarding.step': 1 });
    expect(engine.getAccountGroup('acme').properties['onboarding.step']).toBe(1);
  });

  it('says when a project lets browsers write nothing', () => {
    const engine = createGroupsEngine({ scenario: 'empty', now });
    const error = thrown(() => browserIdentify(engine, { onboarding: {} }));
    expect(error.message).toMatch(/lets browsers write no property/);
    expect(error.message).toMatch(/secret key/);
  });

  it('leaves the secret key unrestricted', () => {
    const engine = createGroupsEngine({ scenario: 'empty', now });
    engine.identifyGroup({ identifier: 'acme', properties: { plan: 'Pro', onboarding: {} } });
    expect(engine.getAccountGroup('acme').properties).toMatchObject({ plan: 'Pro' });
  });

  it('answers 400 for a malformed write before it looks at permissions', () => {
    const engine = createGroupsEngine({ now });
    expect(thrown(() => browserIdentify(engine, { plan: 1, name: 7 })).code).toBe(
      'validation_failed',
    );
  });
});

describe('project settings', () => {
  it('changes only the settings given, and the engine reads them live', () => {
    const engine = createGroupsEngine({ now });
    expect(engine.updateProject({ identityVerification: true })).toEqual({
      clientWritableProperties: ['onboarding'],
      identityVerification: true,
    });
    expect(engine.identityVerification).toBe(true);
    expect(engine.updateProject({ clientWritableProperties: [] })).toEqual({
      clientWritableProperties: [],
      identityVerification: true,
    });
    expect(thrown(() => browserIdentify(engine, { onboarding: {} })).code).toBe(
      'property_not_writable',
    );
  });

  it('hands out copies: changing what getProject returned changes nothing', () => {
    const engine = createGroupsEngine({ now });
    engine.getProject().clientWritableProperties.push('plan');
    expect(engine.getProject().clientWritableProperties).toEqual(['onboarding']);
  });

  // Each bad body also turns verification on: a refused patch must not apply its good part.
  const on = { identityVerification: true };
  it.each([
    ['a body that is not an object', ['onboarding'], 'body'],
    ['an unknown field', { ...on, clientWritable: [] }, 'clientWritable'],
    [
      'a string for the list',
      { ...on, clientWritableProperties: 'onboarding' },
      'clientWritableProperties',
    ],
    ['an empty name', { ...on, clientWritableProperties: [''] }, 'clientWritableProperties[0]'],
    [
      'a name that is no string',
      { ...on, clientWritableProperties: ['a', 3] },
      'clientWritableProperties[1]',
    ],
    [
      'a name of 101 characters',
      { ...on, clientWritableProperties: ['x'.repeat(101)] },
      'clientWritableProperties[0]',
    ],
    [
      '101 names',
      { ...on, clientWritableProperties: Array.from({ length: 101 }, (_, i) => `k${i}`) },
      'clientWritableProperties',
    ],
    [
      'a name twice',
      { ...on, clientWritableProperties: ['theme', 'onboarding', 'theme'] },
      'clientWritableProperties',
    ],
    [
      'verification that is no boolean',
      { clientWritableProperties: [], identityVerification: 'yes' },
      'identityVerification',
    ],
  ])('refuses %s (400 naming the field) and keeps every setting', (_, body, field) => {
    const engine = createGroupsEngine({ now });
    const error = thrown(() => engine.updateProject(body));
    expect(error.code).toBe('validation_failed');
    expect(error.details.field).toBe(field);
    expect(error.message).toContain(field);
    expect(engine.getProject()).toEqual({
      clientWritableProperties: ['onboarding'],
      identityVerification: false,
    });
  });

  it('accepts 100 unique names of 100 characters (the limits)', () => {
    const engine = createGroupsEngine({ now });
    const names = Array.from({ length: 100 }, (_, i) => String(i).padStart(100, 'k'));
    expect(
      engine.updateProject({ clientWritableProperties: names }).clientWritableProperties,
    ).toEqual(names);
  });
});
