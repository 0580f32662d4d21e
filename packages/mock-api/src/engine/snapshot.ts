import { demoApiKeys } from '../scenarios/demoKeys';
import { demoOperators } from '../scenarios/operators';
import type { IdGenerator } from './ids';
import type { EngineState, IdempotencyEntry } from './state';
import { createMembershipStore } from './store';
import type {
  AccountGroup,
  AutomationRecord,
  AutomationRun,
  CodeRecord,
  ApiKeyRecord,
  AuditRecord,
  ConditionsVersion,
  FlowProgressRecord,
  FlowRecord,
  MembershipRecord,
  OperatorRecord,
  OperatorSessionRecord,
  UserGroupRecord,
  UserRecord,
} from './types';

/**
 * Bumped whenever the shape changes: an old snapshot is refused rather than half-restored.
 * 2: the project's `clientWritableProperties`; automation runs name their origin user | code |
 * admin | sync | rule (was membership_change | redeem_code | admin), and only ordered changes
 * give an opIndex.
 * 3: onboarding flows and progress, API keys, operators, their sessions and sign-in failures, and the audit log. A
 * version 2 snapshot is still restored: the demo keys and operators, an empty log.
 */
export const ENGINE_SNAPSHOT_VERSION = 3;

/**
 * Everything an engine holds, as plain JSON (`JSON.stringify` it as is). Maps are entry lists
 * in their iteration order, so a restored engine lists, sorts and pages exactly as the
 * original did. The clock is not part of it: pass `now` again when restoring.
 */
export interface EngineSnapshot {
  format: 'groupkit-engine';
  version: typeof ENGINE_SNAPSHOT_VERSION;
  /**
   * How many ids the engine had taken. A restored engine advances its generator past them,
   * so the next record gets the id the original engine would have given it.
   */
  idsTaken: number;
  identityVerification: boolean;
  clientWritableProperties: string[];
  accountGroups: [string, AccountGroup][];
  users: [string, UserRecord][];
  userGroups: [string, UserGroupRecord][];
  slugs: [string, string][];
  legacyIds: [number, string][];
  nextLegacyId: number;
  /** In an order that, added one by one, rebuilds both the per-user and the per-group order. */
  memberships: MembershipRecord[];
  codes: [string, CodeRecord][];
  redeemFailures: [string, number[]][];
  automations: [string, AutomationRecord][];
  automationRuns: AutomationRun[];
  conditionsHistory: [string, ConditionsVersion[]][];
  idempotency: [string, IdempotencyEntry][];
  flows: [string, FlowRecord][];
  flowProgress: [string, FlowProgressRecord][];
  apiKeys: [string, ApiKeyRecord][];
  operators: [string, OperatorRecord][];
  operatorSessions: [string, OperatorSessionRecord][];
  signInFailures: [string, number[]][];
  auditLog: AuditRecord[];
}

/** An id generator that counts what it hands out: the count is what a snapshot records. */
export function countIds(ids: IdGenerator): { next: IdGenerator; taken: () => number } {
  let taken = 0;
  return {
    next: () => {
      taken++;
      return ids();
    },
    taken: () => taken,
  };
}

/**
 * The memberships in an order that `add`-ed one by one gives every user's and every group's
 * index the order it has now. Each index holds its entries in the order they were (last)
 * added, so both orders come from one history and a topological sort always finds one.
 */
function membershipsInAddOrder(state: EngineState): MembershipRecord[] {
  const groupLists = [...state.userGroups.keys()].map((id) => state.memberships.ofGroup(id));
  const userIds = new Set(state.users.keys());
  for (const list of groupLists) for (const m of list) userIds.add(m.userId);
  const userLists = [...userIds].map((id) => state.memberships.ofUser(id));

  const key = (m: MembershipRecord) => `${m.userId}\n${m.groupId}`;
  const waitingOn = new Map<string, number>();
  const after = new Map<string, MembershipRecord[]>();
  for (const list of [...userLists, ...groupLists]) {
    list.forEach((m, i) => {
      const k = key(m);
      waitingOn.set(k, (waitingOn.get(k) ?? 0) + (i > 0 ? 1 : 0));
      const previous = list[i - 1];
      if (previous) after.set(key(previous), [...(after.get(key(previous)) ?? []), m]);
    });
  }
  const ordered = userLists.flat().filter((m) => waitingOn.get(key(m)) === 0);
  for (let i = 0; i < ordered.length; i++) {
    for (const next of after.get(key(ordered[i] as MembershipRecord)) ?? []) {
      const left = (waitingOn.get(key(next)) as number) - 1;
      waitingOn.set(key(next), left);
      if (left === 0) ordered.push(next);
    }
  }
  return ordered;
}

/** A deep, JSON-only copy: what is stored is exactly what storage will hand back. */
const jsonCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A snapshot of `state` (see `EngineSnapshot`); shares nothing with the live engine. */
export function takeSnapshot(state: EngineState, idsTaken: number): EngineSnapshot {
  return jsonCopy<EngineSnapshot>({
    format: 'groupkit-engine',
    version: ENGINE_SNAPSHOT_VERSION,
    idsTaken,
    identityVerification: state.identityVerification,
    clientWritableProperties: state.clientWritableProperties,
    accountGroups: [...state.accountGroups],
    users: [...state.users],
    userGroups: [...state.userGroups],
    slugs: [...state.slugs],
    legacyIds: [...state.legacyIds],
    nextLegacyId: state.nextLegacyId,
    memberships: membershipsInAddOrder(state),
    codes: [...state.codes],
    redeemFailures: [...state.redeemFailures],
    automations: [...state.automations],
    automationRuns: state.automationRuns,
    conditionsHistory: [...state.conditionsHistory],
    idempotency: [...state.idempotency],
    flows: [...state.flows],
    flowProgress: [...state.flowProgress],
    apiKeys: [...state.apiKeys],
    operators: [...state.operators],
    operatorSessions: [...state.operatorSessions],
    signInFailures: [...state.signInFailures],
    auditLog: state.auditLog,
  });
}

function checkSnapshot(value: unknown): asserts value is EngineSnapshot {
  const snapshot = value as Partial<EngineSnapshot> | null;
  if (typeof snapshot !== 'object' || snapshot === null || snapshot.format !== 'groupkit-engine') {
    throw new TypeError(
      'snapshot: not an engine snapshot; pass what engine.snapshot() returned (or its JSON, parsed).',
    );
  }
  if (snapshot.version !== ENGINE_SNAPSHOT_VERSION && (snapshot.version as unknown) !== 2) {
    throw new TypeError(
      `snapshot: version ${String(snapshot.version)} cannot be restored by this version of @groupkit/mock-api (it reads version ${ENGINE_SNAPSHOT_VERSION}); start from a scenario instead.`,
    );
  }
}

/**
 * The engine state a snapshot describes. `ids` is advanced past the ids the snapshot's
 * engine had taken, so a deterministic generator carries on where that engine left off.
 */
export function restoreState(
  input: unknown,
  { now, ids }: { now: () => Date; ids: IdGenerator },
): EngineState {
  checkSnapshot(input);
  // A private copy: restoring the same snapshot twice must give two independent engines.
  const snapshot = jsonCopy(input);
  for (let i = 0; i < snapshot.idsTaken; i++) ids();
  const memberships = createMembershipStore();
  for (const record of snapshot.memberships) memberships.add(record);
  return {
    now,
    ids,
    identityVerification: snapshot.identityVerification,
    clientWritableProperties: snapshot.clientWritableProperties,
    accountGroups: new Map(snapshot.accountGroups),
    users: new Map(snapshot.users),
    userGroups: new Map(snapshot.userGroups),
    slugs: new Map(snapshot.slugs),
    legacyIds: new Map(snapshot.legacyIds),
    nextLegacyId: snapshot.nextLegacyId,
    memberships,
    codes: new Map(snapshot.codes),
    redeemFailures: new Map(snapshot.redeemFailures),
    automations: new Map(snapshot.automations),
    automationRuns: snapshot.automationRuns,
    conditionsHistory: new Map(snapshot.conditionsHistory),
    idempotency: new Map(snapshot.idempotency),
    flows: new Map(snapshot.flows ?? []),
    flowProgress: new Map(snapshot.flowProgress ?? []),
    // Version 2 had no API keys (it answered the demo keys), operators or audit log.
    apiKeys: new Map(snapshot.apiKeys ?? demoApiKeys(new Date(0)).map((k) => [k.id, k])),
    operators: new Map(snapshot.operators ?? demoOperators(new Date(0)).map((o) => [o.id, o])),
    operatorSessions: new Map(snapshot.operatorSessions ?? []),
    signInFailures: new Map(snapshot.signInFailures ?? []),
    auditLog: snapshot.auditLog ?? [],
  };
}
