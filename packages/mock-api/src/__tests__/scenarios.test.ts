import { describe, expect, it } from 'vitest';
import { createGroupsEngine } from '../engine/createGroupsEngine';
import { LARGE_ORG_USERS, MANY_GROUPS_TOTAL, type scenarios } from '../scenarios';

const now = () => new Date('2026-11-23T12:00:00Z');

describe('scenarios', () => {
  it('manyGroups has 1,000 user groups; the directory lists every visible active one in order', () => {
    const engine = createGroupsEngine({ scenario: 'manyGroups', now });
    const directory = engine.listViewableUserGroups();
    // 1,000 minus the default's hidden (customer, pro, plus, staff, power-admins),
    // scheduled (spring-summit) and ended (webinar-2025) groups.
    expect(directory).toHaveLength(MANY_GROUPS_TOTAL - 7);
    expect(directory.at(-1)?.slug).toBe('interest-987');
    expect(new Set(directory.map((g) => g.id)).size).toBe(directory.length);
    expect(new Set(directory.map((g) => g.legacyId)).size).toBe(directory.length);
    expect(engine.getUserGroup('interest-005').joinType).toBe('code');
  });

  it('verified turns identity verification on', () => {
    expect(createGroupsEngine({ scenario: 'verified', now }).identityVerification).toBe(true);
    expect(createGroupsEngine({ scenario: 'default', now }).identityVerification).toBe(false);
  });

  it('lets browsers write the onboarding property in default and its variants, none in empty', () => {
    for (const scenario of ['default', 'verified', 'manyGroups'] as const) {
      expect(createGroupsEngine({ scenario, now }).getProject().clientWritableProperties).toEqual([
        'onboarding',
      ]);
    }
    expect(createGroupsEngine({ scenario: 'empty', now }).getProject()).toEqual({
      clientWritableProperties: [],
      identityVerification: false,
    });
  });

  it('default seeds the Plus tour: Plus members are served version 1, others nothing, and the funnel tells a story', () => {
    const engine = createGroupsEngine({ scenario: 'default', now });
    expect(engine.getUserFlow('u_grace', 'plus-tour')).toMatchObject({
      flow: { version: 1, name: 'Plus tour' },
      progress: { status: 'not_started' },
    });
    expect(engine.getUserFlow('u_ada', 'plus-tour').flow).toBeNull();
    expect(engine.flowFunnel('plus-tour', '1')).toEqual({
      flowId: 'plus-tour',
      version: 1,
      started: 4,
      steps: [
        { id: 'hello', reached: 4, completed: 4 },
        { id: 'perks', reached: 4, completed: 3 },
        { id: 'pick', reached: 3, completed: 2 },
        { id: 'done', reached: 2, completed: 2 },
      ],
      completed: 2,
      dismissed: 1,
    });
    // Seeded through the engine's own input rules: the same flow is accepted as a draft.
    const { draft } = engine.getFlow('plus-tour');
    expect(() => engine.createFlow({ id: 'plus-tour-copy', ...draft })).not.toThrow();
  });

  it('largeOrg has 100,000 users and populates automatic groups over all of them', () => {
    const engine = createGroupsEngine({ scenario: 'largeOrg', now });
    // Generated users cycle 6 countries: 99,997 generated, ceil(99,997 / 6) are in the UK,
    // plus Ada and Alan.
    expect(engine.getUserGroup('uk-users').memberCount).toBe(
      Math.ceil((LARGE_ORG_USERS - 3) / 6) + 2,
    );
    expect(engine.getSession('u_alan').memberships.map((m) => m.slug)).toEqual(['uk-users']);
    expect(engine.listMemberships('u_99997')).toBeInstanceOf(Array);
    expect(() => engine.listMemberships('u_99998')).toThrow(/No user/);
  });

  it('refuses an unknown scenario name with the list of known ones', () => {
    expect(() => createGroupsEngine({ scenario: 'nope' as keyof typeof scenarios })).toThrowError(
      /Unknown scenario "nope". Use one of: default, empty, manyGroups, verified, largeOrg/,
    );
  });
});
