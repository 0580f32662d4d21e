import {
  type AutomationRun,
  type AuditRecord,
  engineOverState,
  type MembershipStore,
  type UserRecord,
} from '@groupkit/mock-api/core';
import { describe, expect, it } from 'vitest';
import { RequestEngineState } from '../requestEngineState';

const ada: UserRecord = {
  id: 'u_ada',
  email: 'ada@example.com',
  username: 'ada',
  firstname: 'Ada',
  lastname: 'Lovelace',
  status: 'active',
  branchId: null,
  attributes: { plan: 'pro' },
  createdAt: '2026-01-01T00:00:00.000Z',
} as UserRecord;

const noMemberships: MembershipStore = {
  get: () => undefined,
  add: () => undefined,
  remove: () => false,
  ofUser: () => [],
  ofGroup: () => [],
  count: () => 0,
};

const stateOf = (track: boolean) =>
  new RequestEngineState({
    now: () => new Date('2026-06-01T00:00:00.000Z'),
    ids: () => 'id_1',
    identityVerification: false,
    clientWritableProperties: [],
    nextLegacyId: 1000,
    memberships: noMemberships,
    automationRuns: [] as AutomationRun[],
    auditLog: [] as AuditRecord[],
    track,
  });

describe('RequestEngineState', () => {
  it('keeps what is loaded into a map made on first read: the engine finds it', () => {
    const state = stateOf(false);
    state.users.fill(ada.id, ada);
    state.users.markLoaded([ada.id]);
    state.ownGroups.markComplete();
    expect(state.users).toBe(state.users);
    const session = engineOverState(state).getSession('u_ada');
    expect(session.user).toEqual({
      id: 'u_ada',
      firstname: 'Ada',
      lastname: 'Lovelace',
      attributes: { plan: 'pro' },
    });
  });

  it('refuses a read of what no one loaded, in any map, whenever it is made', () => {
    const state = stateOf(false);
    expect(() => state.codes.get('VIP')).toThrow(/state not loaded: codes "VIP"/);
    expect(() => [...state.flows.values()]).toThrow(/state not loaded: every flows/);
    expect(() => engineOverState(state).getSession('u_ada')).toThrow(
      /state not loaded: users "u_ada"/,
    );
  });

  it("tracks a write's changes and not a read's", () => {
    const write = stateOf(true);
    write.users.fill(ada.id, ada);
    write.users.set(ada.id, { ...ada, firstname: 'Augusta' });
    expect(write.users.changes().upserted).toEqual([[ada.id, { ...ada, firstname: 'Augusta' }]]);
    expect(write.apiKeys.changes()).toEqual({ upserted: [], deleted: [] });

    const read = stateOf(false);
    read.users.fill(ada.id, ada);
    expect(() => read.users.changes()).toThrow(/a read-only request has no changes/);
  });

  it('takes the slug and legacy-id maps it is given, and starts each empty', () => {
    const state = stateOf(false);
    expect(state.slugs.size).toBe(0);
    expect(state.legacyIds.size).toBe(0);
    const slugs = new Map([['pro', 'g_pro']]);
    const legacyIds = new Map([[1002, 'g_pro']]);
    state.slugs = slugs;
    state.legacyIds = legacyIds;
    expect(state.slugs).toBe(slugs);
    expect(state.legacyIds).toBe(legacyIds);
  });

  it("reads a read's groups from the shared map it is given, and refuses to share a write's", () => {
    const read = stateOf(false);
    const shared = new Map([['g_pro', { id: 'g_pro', slug: 'pro' } as never]]);
    read.shareGroups(shared);
    expect(read.userGroups).toBe(shared);
    expect(() => stateOf(true).shareGroups(shared)).toThrow(/a write loads groups of its own/);
  });
});
