import type {
  AuditRecord,
  AutomationRecord,
  AutomationRun,
  CodeRecord,
  ConditionsVersion,
  KeyScope,
  LoadSpec,
  MembershipRecord,
  UserRecord,
  RuleSet,
} from '@groupkit/mock-api/core';
import {
  automationsOnGroup,
  flowProgressKey,
  parseRuleSet,
  ruleSetContent,
} from '@groupkit/mock-api/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { countedList } from './countedList';
import { catalogEntry, type GroupCatalog } from './groupCatalog';
import { lockForWrite } from './locks';
import { type LoadedOwner, loadRows } from './loadStatement';
import { createLoadedMemberships } from './loadedMemberships';
import { RequestEngineState } from './requestEngineState';
import { loadMemberExport, loadMemberPage } from './memberPageSql';
import { loadAuditEntries, loadOperatorRows, readsOperators } from './operatorsSql';
import { rows, textList } from './sqlRows';

/** The project row a request runs against. */
export interface ProjectRow {
  id: string;
  identityVerification: boolean;
  clientWritableProperties: string[];
  identitySecret: string;
  nextLegacyId: number;
}

/**
 * The project a request runs against: an API key's (with the key as its hash, its scope and
 * id), or, with `keyHash` null, one found without a key (an operator's session, checked in
 * the request's own transaction; a sign-in), `scope` then being what the request acts with.
 */
export interface RequestOwner extends ProjectRow {
  keyHash: string | null;
  scope: KeyScope;
  keyId: string;
  /** A signed-in operator's session (read again by the load statement, as a key is). */
  session?: { tokenHash: string; operatorId: string; role: string };
}

/**
 * The key's project changed (or the key is gone) between the lookup the request ran with
 * (possibly cached) and the snapshot it loaded: the request must run again from a fresh
 * lookup. Thrown before the engine runs, so nothing was decided on the old view.
 */
export class StaleKeyOwner extends Error {
  override readonly name = 'StaleKeyOwner';
  constructor() {
    super('the API key or its project changed during the request');
  }
}

const sameNames = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((name, i) => name === b[i]);

/** Whether the key and project as loaded are those the request ran its checks with. */
function sameOwner(loaded: LoadedOwner | null, owner: RequestOwner): loaded is LoadedOwner {
  return (
    loaded !== null &&
    loaded.id === owner.id &&
    (owner.keyHash === null || (loaded.scope === owner.scope && loaded.keyId === owner.keyId)) &&
    (owner.session === undefined ||
      (loaded.operatorId === owner.session.operatorId && loaded.role === owner.session.role)) &&
    loaded.identityVerification === owner.identityVerification &&
    sameNames(loaded.clientWritableProperties, owner.clientWritableProperties) &&
    (loaded.identitySecret ?? '') === owner.identitySecret
  );
}

/** A view of `log` that may only be appended to: the log was not read. */
function appendOnly<T>(log: T[], label: string): T[] {
  return new Proxy(log, {
    get(target, property, receiver) {
      if (property === 'push' || property === 'length')
        return Reflect.get(target, property, receiver);
      throw new Error(`state not loaded: ${label} (a route's LoadSpec misses it)`);
    },
  });
}

/**
 * The engine's state for one request, over one transaction: the project's user groups
 * (always), then whatever the route asks for with `load`. `changes` are written back by
 * `persistState` in the same transaction.
 */
export async function createRequestState(
  tx: Pick<Tx, 'execute'>,
  project: RequestOwner,
  clock: { now: () => Date; ids: () => string },
  options: {
    writes: boolean;
    /** Statements share one snapshot (a transaction), not just the load statement. */
    inTransaction: boolean;
    /** The app's kept groups: read again only when the project's changed. */
    catalog?: GroupCatalog | undefined;
  },
) {
  const p = project.id;
  /** A group's member count as loaded: 0 until the load statement has read the counts. */
  let loadedCount = (_groupId: string) => 0;
  const memberships = createLoadedMemberships((groupId) => loadedCount(groupId), options.writes);
  /** The run log as far as read (nothing unless a route asks), plus this request's runs. */
  const runs: AutomationRun[] = [];
  let runsRead = 0;
  /** The audit entries a listing reads (one page), plus this request's entries. */
  const audit: AuditRecord[] = [];
  let auditRead = 0;

  const state = new RequestEngineState({
    now: clock.now,
    ids: clock.ids,
    identityVerification: project.identityVerification,
    clientWritableProperties: [...project.clientWritableProperties],
    nextLegacyId: project.nextLegacyId,
    memberships: memberships.store,
    automationRuns: appendOnly(runs, 'automation runs'),
    auditLog: appendOnly(audit, 'the audit log'),
    track: options.writes,
  });
  let loadedOnce = false;
  let baseLegacyId = project.nextLegacyId;
  /** Users each rule set a write may save selects, counted in SQL (by `ruleSetContent`). */
  const populations = new Map<string, number>();
  /** Automatic groups this request rebuilt from their rule set (written set-based). */
  const recalculated = new Map<
    string,
    { ruleset: RuleSet | null; at: string; automations: AutomationRecord[] }
  >();
  state.recalculate = (group, at) => {
    const after = group.ruleset ? populations.get(ruleSetContent(group.ruleset)) : 0;
    if (after === undefined) {
      throw new Error(
        `state not loaded: the population of group "${group.slug}"'s rule set (a route's LoadSpec misses it in rulesets)`,
      );
    }
    const before = memberships.store.count(group.id);
    memberships.replaceGroup(group.id, after);
    recalculated.set(group.id, {
      ruleset: group.ruleset,
      at: at.toISOString(),
      // Fired in SQL with the members who come and go (as the engine's `repopulate` fires them).
      automations: automationsOnGroup(state, group.id),
    });
    return { before, after };
  };

  async function loadUsers(ids: readonly string[] | 'all') {
    const where =
      ids === 'all'
        ? sql`project_id = ${p}`
        : sql`project_id = ${p} and user_id = any(${textList(ids)})`;
    const whereId =
      ids === 'all'
        ? sql`project_id = ${p}`
        : sql`project_id = ${p} and id = any(${textList(ids)})`;
    const [userRows, membershipRows, failureRows] = [
      await rows<{ data: UserRecord }>(
        tx,
        sql`select data from users where ${whereId} order by seq`,
      ),
      await rows<{ data: MembershipRecord }>(
        tx,
        sql`select data from memberships where ${where} order by seq`,
      ),
      await rows<{ user_id: string; times: number[] }>(
        tx,
        sql`select user_id, times from redeem_failures where ${where}`,
      ),
    ];
    for (const { data } of userRows) state.users.fill(data.id, data);
    for (const { user_id, times } of failureRows) state.redeemFailures.fill(user_id, times);
    if (ids === 'all') {
      memberships.fillUsers(
        [],
        membershipRows.map((r) => r.data),
      );
      memberships.markComplete();
      state.users.markComplete();
      state.redeemFailures.markComplete();
    } else {
      memberships.fillUsers(
        ids,
        membershipRows.map((r) => r.data),
      );
      state.users.markLoaded(ids);
      state.redeemFailures.markLoaded(ids);
    }
  }

  /** A group named by id or slug, as routes receive them; undefined for an unknown one. */
  const groupIdOf = (ref: string) => (state.userGroups.has(ref) ? ref : state.slugs.get(ref));

  /** Refuses a read that needs a statement after the load outside a transaction. */
  function inSecondStatement(what: string) {
    if (!options.inTransaction) {
      throw new Error(`load: ${what} in a second statement, so only in a transaction`);
    }
  }

  /** Brings `spec` into the state. Call it before the engine reads (routes do). */
  async function load(spec: LoadSpec): Promise<void> {
    if (loadedOnce) throw new Error('load: a route loads its state once, before the engine runs');
    loadedOnce = true;
    // Locks first: everything read after them is what the previous holder committed.
    if (options.writes) {
      await lockForWrite(tx, p, spec.serializeOn, spec.serializeOnCappedCode);
    }
    const rulesets: RuleSet[] = [];
    for (const candidate of spec.rulesets ?? []) {
      if (candidate === undefined || candidate === null) continue;
      try {
        rulesets.push(parseRuleSet(candidate) as RuleSet);
      } catch {
        // the engine refuses it with the right answer
      }
    }
    const credentials =
      project.keyHash !== null
        ? { key: project.keyHash }
        : project.session
          ? { session: project.session.tokenHash, now: clock.now() }
          : null;
    const known = options.catalog?.get(p);
    const loaded = await loadRows(tx, p, credentials, spec, rulesets, known?.version);
    if (!sameOwner(loaded.owner, project)) throw new StaleKeyOwner();
    // The counter as of this snapshot (after a write's locks), not as of the key lookup.
    state.nextLegacyId = loaded.owner.nextLegacyId;
    baseLegacyId = loaded.owner.nextLegacyId;

    const { groupsVersion } = loaded.owner;
    const groups =
      loaded.groups === null
        ? known
        : (options.catalog?.keep(p, groupsVersion, loaded.groups) ??
          catalogEntry(groupsVersion, loaded.groups));
    if (groups === undefined || groups.version !== groupsVersion) {
      throw new Error('load: the statement skipped groups this request does not hold');
    }
    const deltas = new Map(loaded.memberCountDeltas);
    const { storedCounts } = groups;
    loadedCount = (groupId) => (storedCounts.get(groupId) ?? 0) + Number(deltas.get(groupId) ?? 0);
    if (options.writes) {
      for (const { record, json } of groups.groups) state.ownGroups.fill(record.id, record, json);
      state.ownGroups.markComplete();
    } else {
      // A read's engine takes the kept groups as they are: complete, and never changed.
      state.shareGroups(groups.records);
    }
    // A read shares the entry's maps (they throw if changed); a write changes its own.
    state.slugs = options.writes ? new Map(groups.slugs) : groups.slugs;
    state.legacyIds = options.writes ? new Map(groups.legacyIds) : groups.legacyIds;
    if (spec.allUsers) await loadUsers('all');
    else if (spec.users?.length) {
      const ids = spec.users;
      for (const data of loaded.users) state.users.fill(data.id, data);
      for (const [userId, times] of loaded.failures) state.redeemFailures.fill(userId, times);
      memberships.fillUsers(ids, loaded.memberships);
      state.users.markLoaded(ids);
      state.redeemFailures.markLoaded(ids);
    }
    rulesets.forEach((ruleset, i) => {
      populations.set(ruleSetContent(ruleset), Number(loaded.populations[i] ?? 0));
    });
    if (spec.members?.length && !spec.allUsers) {
      // By id or slug, as routes receive them; an unknown group loads nothing (the engine 404s).
      const groupIds = spec.members.map(groupIdOf).filter((id): id is string => id !== undefined);
      inSecondStatement('whole groups load');
      const found = await rows<{ data: MembershipRecord; member: UserRecord | null }>(
        tx,
        sql`select m.data, u.data as member from memberships m
          left join users u on u.project_id = m.project_id and u.id = m.user_id
          where m.project_id = ${p} and m.group_id = any(${textList(groupIds)}) order by m.seq`,
      );
      memberships.fillGroups(
        groupIds,
        found.map((r) => r.data),
      );
      for (const { member } of found) {
        if (member && !state.users.isLoaded(member.id)) state.users.fill(member.id, member);
      }
    }
    if (spec.memberPage) {
      const { group: ref, query } = spec.memberPage;
      const groupId = groupIdOf(ref);
      inSecondStatement('a member page loads');
      // An unknown group loads nothing (the engine 404s).
      const page = groupId === undefined ? undefined : await loadMemberPage(tx, p, groupId, query);
      const asked = JSON.stringify(query);
      state.memberPage = (group, wanted) => {
        if (page === undefined || group.id !== groupId || JSON.stringify(wanted) !== asked) {
          throw new Error(
            `state not loaded: this page of group "${group.id}"'s members (a route's LoadSpec misses it)`,
          );
        }
        return page;
      };
    }
    if (spec.memberExport !== undefined) {
      const groupId = groupIdOf(spec.memberExport);
      inSecondStatement('a member export loads');
      // An unknown group loads nothing (the engine 404s).
      const exported = groupId === undefined ? undefined : await loadMemberExport(tx, p, groupId);
      state.memberExport = (group) => {
        if (exported === undefined || group.id !== groupId) {
          throw new Error(
            `state not loaded: group "${group.id}"'s member export (a route's LoadSpec misses it)`,
          );
        }
        return exported;
      };
    }
    if (spec.accountGroups?.length) {
      for (const data of loaded.accountGroups) state.accountGroups.fill(data.id, data);
      state.accountGroups.markLoaded(spec.accountGroups);
    }
    if (spec.codes) {
      const byCode = new Map<string, CodeRecord['redemptions']>();
      for (const [codeId, userId, at] of loaded.redemptions) {
        const list = byCode.get(codeId) ?? [];
        list.push({ userId, at });
        byCode.set(codeId, list);
      }
      // Only some users' redemptions: each code's list is counted (see `countedList`).
      const counts = spec.redemptionsOf ? new Map(loaded.redemptionCounts) : undefined;
      for (const data of loaded.codes) {
        const loadedRedemptions = byCode.get(data.id) ?? [];
        state.codes.fill(data.normalized, {
          ...data,
          redemptions: counts
            ? countedList(
                loadedRedemptions,
                Number(counts.get(data.id) ?? 0),
                `the redemptions of code "${data.normalized}"`,
              )
            : loadedRedemptions,
        });
      }
      state.codes.markComplete();
    }
    if (spec.automations) {
      for (const data of loaded.automations) state.automations.fill(data.id, data);
      state.automations.markComplete();
    }
    if (spec.conditionsHistory) {
      const byGroup = new Map<string, ConditionsVersion[]>();
      for (const [groupId, data] of loaded.conditionsHistory) {
        byGroup.set(groupId, [...(byGroup.get(groupId) ?? []), data]);
      }
      for (const [groupId, versions] of byGroup) state.conditionsHistory.fill(groupId, versions);
      state.conditionsHistory.markComplete();
    }
    if (spec.idempotency?.length) {
      for (const [slot, fingerprint, expiresAt, response] of loaded.idempotency) {
        state.idempotency.fill(slot, { fingerprint, expiresAt: Number(expiresAt), response });
      }
      state.idempotency.markLoaded(spec.idempotency);
    }
    if (spec.automationRuns) {
      runs.push(...loaded.runs);
      runsRead = runs.length;
      state.automationRuns = runs;
    }
    if (spec.apiKeys) {
      for (const record of loaded.apiKeys) state.apiKeys.fill(record.id, record);
      state.apiKeys.markComplete();
    }
    if (spec.flows) {
      for (const record of loaded.flows) state.flows.fill(record.id, record);
      if (spec.flows === true) state.flows.markComplete();
      else state.flows.markLoaded(spec.flows);
    }
    if (spec.flowProgress) {
      for (const record of loaded.flowProgress) {
        state.flowProgress.fill(flowProgressKey(record.userId, record.flowId), record);
      }
      const { flowId, userIds } = spec.flowProgress;
      // Both filters name exact records; one filter loads every record matching it, which
      // the engine may walk (a funnel, a deleted flow or user): nothing else is there to see.
      if (flowId !== undefined && userIds !== undefined) {
        state.flowProgress.markLoaded(userIds.map((userId) => flowProgressKey(userId, flowId)));
      } else state.flowProgress.markComplete();
    }
    if (readsOperators(spec) || spec.auditLog) {
      // More statements: one snapshot only inside a transaction (every operator route's).
      if (!options.inTransaction) {
        throw new Error('load: operators and the audit log load only in a transaction');
      }
    }
    if (readsOperators(spec)) {
      const found = await loadOperatorRows(tx, p, spec);
      for (const record of found.operators) state.operators.fill(record.id, record);
      if (spec.operators) state.operators.markComplete();
      for (const session of found.sessions) state.operatorSessions.fill(session.tokenHash, session);
      state.operatorSessions.markLoaded(spec.operatorSessions ?? []);
      for (const [email, times] of found.failures) state.signInFailures.fill(email, times);
      state.signInFailures.markLoaded(spec.signInFailures ?? []);
    }
    if (spec.auditLog) {
      audit.push(...(await loadAuditEntries(tx, p, spec.auditLog)));
      auditRead = audit.length;
      state.auditLog = audit;
    }
  }

  return {
    state,
    load,
    /** Whether the route loaded (and so, for a write, locked) before the engine ran. */
    loaded: () => loadedOnce,
    /** Everything the request changed, for `persistState`. */
    changes() {
      return {
        nextLegacyId: state.nextLegacyId !== baseLegacyId ? state.nextLegacyId : undefined,
        // The project's settings, when `PATCH /v1/project` changed them (the owner is as loaded).
        settings:
          state.identityVerification !== project.identityVerification ||
          !sameNames(state.clientWritableProperties, project.clientWritableProperties)
            ? {
                identityVerification: state.identityVerification,
                clientWritableProperties: state.clientWritableProperties,
              }
            : undefined,
        users: state.users.changes(),
        accountGroups: state.accountGroups.changes(),
        userGroups: state.ownGroups.changes(),
        codes: {
          ...state.codes.changes(),
          before: (normalized: string) => state.codes.originalOf(normalized),
        },
        redeemFailures: state.redeemFailures.changes(),
        automations: state.automations.changes(),
        conditionsHistory: state.conditionsHistory.changes(),
        idempotency: state.idempotency.changes(),
        memberships: memberships.changes(),
        newRuns: runs.slice(runsRead),
        operators: state.operators.changes(),
        operatorSessions: state.operatorSessions.changes(),
        signInFailures: state.signInFailures.changes(),
        newAudit: audit.slice(auditRead),
        apiKeys: state.apiKeys.changes(),
        flows: state.flows.changes(),
        flowProgress: state.flowProgress.changes(),
        recalculated: [...recalculated].map(([groupId, how]) => ({ groupId, ...how })),
      };
    },
  };
}

export type RequestState = Awaited<ReturnType<typeof createRequestState>>;
export type StateChanges = ReturnType<RequestState['changes']>;
