import { describe, expect, it } from 'vitest';
import { createGroupsEngine, engineOverState, seedState } from '../engine/createGroupsEngine';
import { isGroupsEngineError } from '../engine/errors';
import { userGroupStatus } from '../engine/status';

const NOW = new Date('2026-11-23T12:00:00Z');
const engineAt = (now = NOW) => createGroupsEngine({ now: () => now });

describe('default scenario session', () => {
  it('gives Ada her account group, manual and rule-based memberships in one payload', () => {
    const session = engineAt().getSession('u_ada', 'acme');
    expect(session.user).toMatchObject({ id: 'u_ada', firstname: 'Ada', lastname: 'Lovelace' });
    expect(session.group?.properties).toEqual({
      name: 'Acme Co.',
      plan: 'Pro',
      seats: 25,
      region: 'eu',
    });
    expect(session.memberships.map((m) => [m.slug, m.source])).toEqual([
      ['customer', 'admin'],
      ['pro', 'admin'],
      ['power-admins', 'rule'],
      ['uk-users', 'rule'],
    ]);
  });

  it('puts Grace (US, engineer) in no automatic group and Alan (UK, analyst) only in UK users', () => {
    const engine = engineAt();
    expect(engine.listMemberships('u_grace').map((m) => m.slug)).toEqual(['customer', 'plus']);
    expect(engine.listMemberships('u_alan').map((m) => m.slug)).toEqual(['uk-users']);
  });

  it('has no account group when none is asked for, and a typed error for an unknown one', () => {
    const engine = engineAt();
    expect(engine.getSession('u_ada').group).toBeNull();
    const error = (() => {
      try {
        engine.getSession('u_ada', 'globex');
      } catch (e) {
        return e;
      }
    })();
    expect(isGroupsEngineError(error) && error.code).toBe('group_not_found');
  });

  it('rejects an unknown user with user_not_found', () => {
    expect(() => engineAt().getSession('u_nobody')).toThrowError(/No user "u_nobody"/);
  });
});

describe('directory', () => {
  it('lists viewable, active groups by order: no hidden, scheduled or ended ones', () => {
    expect(
      engineAt()
        .listViewableUserGroups()
        .map((g) => g.slug),
    ).toEqual(['newsletter', 'beta', 'vip', 'early-access', 'community', 'uk-users']);
  });

  it('adds scheduled groups on request, still in order', () => {
    const groups = engineAt().listViewableUserGroups({ includeScheduled: true });
    const summit = groups.find((g) => g.slug === 'spring-summit');
    expect(summit?.status).toBe('scheduled');
    expect(summit?.startsAt).toBe('2026-12-23T12:00:00.000Z');
    expect(groups.map((g) => g.order)).toEqual(
      [...groups.map((g) => g.order)].sort((a, b) => a - b),
    );
  });

  it('counts members, including rule-based ones', () => {
    const engine = engineAt();
    // Ada, Alan and every generated user whose country cycles to UK (i % 6 === 0: 9 of 50).
    expect(engine.getUserGroup('uk-users').memberCount).toBe(11);
    expect(engine.getUserGroup('customer').memberCount).toBe(2);
  });

  it('finds a group by uuid as well as by slug', () => {
    const engine = engineAt();
    const bySlug = engine.getUserGroup('beta');
    expect(engine.getUserGroup(bySlug.id).slug).toBe('beta');
  });
});

describe('userGroupStatus', () => {
  const window = { startsAt: '2026-01-01T00:00:00Z', stopsAt: '2026-02-01T00:00:00Z' };
  it.each([
    ['2025-12-31T23:59:59Z', 'scheduled'],
    ['2026-01-01T00:00:00Z', 'active'],
    ['2026-01-31T23:59:59Z', 'active'],
    ['2026-02-01T00:00:00Z', 'ended'],
  ])('at %s is %s', (at, status) => {
    expect(userGroupStatus(window, new Date(at))).toBe(status);
  });
});

it('is deterministic: two engines with the same clock agree on every id', () => {
  expect(engineAt().listViewableUserGroups()).toEqual(engineAt().listViewableUserGroups());
});

describe('engines over different states', () => {
  // Every engine reads its methods from one shared set (built once, per part on first use):
  // a request's engine must still answer from, and write to, its own state only.
  it('each answers from its own state and writes only to it, across every part', () => {
    const first = engineOverState(seedState({ now: () => NOW }));
    const second = engineOverState(seedState({ now: () => NOW }));
    first.changeMemberships({ userId: 'u_ada', changes: '+newsletter', actor: 'user' });
    first.identifyGroup({ identifier: 'initech', properties: { seats: 3 } });
    first.upsertUser('u_new', { firstname: 'New', lastname: 'User' });

    expect(first.listMemberships('u_ada').map((m) => m.slug)).toContain('newsletter');
    expect(second.listMemberships('u_ada').map((m) => m.slug)).not.toContain('newsletter');
    expect(first.getAccountGroup('initech').properties).toEqual({ seats: 3 });
    expect(() => second.getAccountGroup('initech')).toThrow(/No account group "initech"/);
    expect(first.getUser('u_new').user).toMatchObject({ firstname: 'New' });
    expect(() => second.getUser('u_new')).toThrow(/u_new/);
    // Getters read the live state: the project's setting as it is now.
    expect(first.identityVerification).toBe(false);
    first.updateProject({ identityVerification: true });
    expect([first.identityVerification, second.identityVerification]).toEqual([true, false]);
  });
});
