import { type Scenario, type ScenarioName, scenarios } from '../scenarios';
import { createAccountGroupsApi, getAccountGroup } from './accountGroups';
import {
  createAutomation,
  deleteAutomation,
  getAutomation,
  listAutomationRuns,
  listAutomations,
  updateAutomation,
} from './automations';
import { createCodeLifecycleApi } from './codeLifecycle';
import { createCodesApi } from './codes';
import { GroupsEngineError } from './errors';
import { createSequentialIds, type IdGenerator } from './ids';
import {
  byDirectoryOrder,
  membershipsOf,
  requireUser,
  requireUserGroup,
  toUserGroup,
} from './lookup';
import { repopulate } from './ruleMemberships';
import { type ChangeMembershipsInput, changeMemberships, withIdempotency } from './memberships';
import { demoApiKeys } from '../scenarios/demoKeys';
import { createApiKey, deleteApiKey, findApiKey, getApiKey, listApiKeys } from './apiKeys';
import {
  flowFunnel,
  flowProgressKey,
  getUserFlow,
  parseVersionQuery,
  putUserFlowProgress,
} from './flowProgress';
import {
  createFlow,
  deleteFlow,
  getFlow,
  listFlows,
  publishFlow,
  retireFlowVersion,
  updateFlowDraft,
} from './flows';
import { createOperatorsApi } from './operators';
import { getProject, updateProject } from './project';
import type { EngineState } from './state';
import { countIds, type EngineSnapshot, restoreState, takeSnapshot } from './snapshot';
import { createMembershipStore } from './store';
import { createUserGroupsAdminApi } from './userGroupsAdmin';
import { createUsersApi } from './users';
import type { Session, UserGroup } from './types';

export interface GroupsEngineOptions {
  /**
   * The seed: a scenario name or your own `Scenario` function.
   * @default 'default'
   * @example createGroupsEngine({ scenario: 'empty' })
   */
  scenario?: ScenarioName | Scenario;
  /**
   * The engine clock. Inject one to make windows ("ended yesterday") deterministic.
   * @default () => new Date()
   * @example createGroupsEngine({ now: () => new Date('2026-11-23T12:00:00Z') })
   */
  now?: () => Date;
  /**
   * Produces ids for new records.
   * @default createSequentialIds()
   */
  ids?: IdGenerator;
  /**
   * Restore what `engine.snapshot()` returned (or its JSON, parsed) instead of seeding a
   * scenario: `scenario` is then ignored. `ids` is advanced past the ids already taken.
   * @default undefined (seed `scenario`)
   * @example createGroupsEngine({ snapshot: JSON.parse(localStorage.getItem('mock')!) })
   */
  snapshot?: EngineSnapshot;
}

export interface ListUserGroupsOptions {
  /** Also list groups whose window has not opened yet. @default false */
  includeScheduled?: boolean;
}

function createState(options: GroupsEngineOptions): EngineState {
  const now = options.now ?? (() => new Date());
  const ids = options.ids ?? createSequentialIds();
  const scenario =
    typeof options.scenario === 'function'
      ? options.scenario
      : scenarios[options.scenario ?? 'default'];
  if (!scenario) {
    throw new TypeError(
      `Unknown scenario "${String(options.scenario)}". Use one of: ${Object.keys(scenarios).join(', ')}, or pass a Scenario function.`,
    );
  }
  const createdAt = now();
  const seed = scenario({ now: createdAt, ids });
  const memberships = createMembershipStore();
  for (const record of seed.memberships) memberships.add(record);
  const state: EngineState = {
    now,
    ids,
    identityVerification: seed.identityVerification,
    clientWritableProperties: [...(seed.clientWritableProperties ?? [])],
    accountGroups: new Map(seed.accountGroups.map((g) => [g.id, g])),
    users: new Map(seed.users.map((u) => [u.id, u])),
    userGroups: new Map(seed.userGroups.map((g) => [g.id, g])),
    slugs: new Map(seed.userGroups.map((g) => [g.slug, g.id])),
    legacyIds: new Map(seed.userGroups.map((g) => [g.legacyId, g.id])),
    nextLegacyId: Math.max(1000, ...seed.userGroups.map((g) => g.legacyId)) + 1,
    memberships,
    codes: new Map(seed.codes.map((c) => [c.normalized, c])),
    redeemFailures: new Map(),
    // Filled after the seed's automatic groups are populated: seeding fires nothing.
    automations: new Map(),
    automationRuns: [],
    conditionsHistory: new Map(),
    idempotency: new Map(),
    flows: new Map((seed.flows ?? []).map((f) => [f.id, f])),
    flowProgress: new Map(
      (seed.flowProgress ?? []).map((r) => [flowProgressKey(r.userId, r.flowId), r]),
    ),
    // Every scenario answers the demo keys unless it brings its own.
    apiKeys: new Map((seed.apiKeys ?? demoApiKeys(createdAt)).map((k) => [k.id, k])),
    operators: new Map((seed.operators ?? []).map((o) => [o.id, o])),
    operatorSessions: new Map(),
    signInFailures: new Map(),
    auditLog: [],
  };
  // One instant for the whole seed, so a real clock cannot order the seeded groups by accident.
  for (const group of state.userGroups.values()) {
    if (group.type !== 'automatic' || !group.ruleset) continue;
    const { before, after } = repopulate(state, group, createdAt);
    state.conditionsHistory.set(group.id, [
      {
        version: 1,
        ruleset: group.ruleset,
        changedAt: group.createdAt,
        populationBefore: before,
        populationAfter: after,
      },
    ]);
  }
  for (const automation of seed.automations) state.automations.set(automation.id, automation);
  return state;
}

/**
 * The in-memory groups platform: every rule of the groups API lives here, as functions over
 * one state object. It imports no MSW, so tests and benchmarks can drive it directly.
 * @example
 * const engine = createGroupsEngine({ scenario: 'default' });
 * engine.changeMemberships({ userId: 'u_ada', changes: '-pro,+plus', actor: 'admin' });
 */
export function createGroupsEngine(options: GroupsEngineOptions = {}): GroupsEngine {
  const ids = countIds(options.ids ?? createSequentialIds());
  const state = options.snapshot
    ? restoreState(options.snapshot, { now: options.now ?? (() => new Date()), ids: ids.next })
    : createState({ ...options, ids: ids.next });
  return engineOverState(state, ids.taken);
}

/**
 * A scenario's whole state, as the engine would start from it: what a server seeds its
 * database with, so the mock and the server start from the same records and ids.
 */
export function seedState(options: GroupsEngineOptions = {}): EngineState {
  return createState({ ...options, ids: options.ids ?? createSequentialIds() });
}

/** The directory an end user sees: viewable, active (optionally scheduled) groups by `order`, then name. */
function listViewableUserGroups(
  state: EngineState,
  { includeScheduled = false }: ListUserGroupsOptions = {},
): UserGroup[] {
  const at = state.now();
  return [...state.userGroups.values()]
    .filter((g) => g.userViewable)
    .sort(byDirectoryOrder)
    .map((g) => toUserGroup(state, g, at))
    .filter((g) => g.status === 'active' || (includeScheduled && g.status === 'scheduled'));
}

/**
 * The engine's own operations an end user's requests run (the rest are grouped by module:
 * `PARTS`). Built for nearly every request, so it holds nothing else.
 */
function coreApi(state: EngineState) {
  return {
    /** The engine clock. */
    now: state.now,
    /**
     * Whether publishable requests must prove the user with `X-GroupKit-User-Hash`. Read
     * live: `updateProject` may turn it on or off.
     */
    get identityVerification(): boolean {
      return state.identityVerification;
    },

    /** A user group by uuid or slug (404 `user_group_not_found`). */
    getUserGroup(idOrSlug: string): UserGroup {
      return toUserGroup(state, requireUserGroup(state, idOrSlug));
    },

    /** The directory an end user sees: viewable, active (optionally scheduled) groups by `order`, then name. */
    listViewableUserGroups: (options?: ListUserGroupsOptions) =>
      listViewableUserGroups(state, options),

    /** The user's memberships, oldest first, then by group name. */
    listMemberships(userId: string) {
      requireUser(state, userId);
      return membershipsOf(state, userId);
    },

    /**
     * Everything the provider needs on mount. `groupId` is optional: a provider may have no
     * account group. The directory includes scheduled groups (their `status` says so), so a
     * directory that shows "Opens on 12 March" needs no second request.
     */
    getSession(userId: string, groupId?: string): Session {
      const user = requireUser(state, userId);
      if (groupId === '') {
        throw new GroupsEngineError(
          'validation_failed',
          'groupId: must not be empty; leave it out for a session without an account group.',
          { field: 'groupId' },
        );
      }
      return {
        user: {
          id: user.id,
          firstname: user.firstname,
          lastname: user.lastname,
          attributes: user.attributes,
        },
        group: groupId === undefined ? null : getAccountGroup(state, groupId),
        memberships: membershipsOf(state, userId),
        userGroups: listViewableUserGroups(state, { includeScheduled: true }),
      };
    },

    /** Ordered, atomic membership changes (see `changeMemberships`). */
    changeMemberships(input: ChangeMembershipsInput) {
      return changeMemberships(state, input);
    },

    /** Runs a write once per Idempotency-Key (see `withIdempotency`). */
    idempotent<T>(scope: Parameters<typeof withIdempotency>[1], apply: () => T) {
      return withIdempotency(state, scope, apply);
    },
  };
}

/**
 * The engine's other operations of its own: project settings, automations, flows, API keys,
 * snapshots. Apart from `coreApi` because a part is built whole: a session built these 30
 * closures too (about 3 kB a request) and used none of them.
 */
function projectApi(state: EngineState, idsTaken: () => number) {
  return {
    /** `GET /v1/project`: the project's settings. */
    getProject: () => getProject(state),
    /** `PATCH /v1/project`: changes the settings given (see `updateProject`). */
    updateProject: (input: unknown) => updateProject(state, input),

    createAutomation: (input: unknown) => createAutomation(state, input),
    listAutomations: () => listAutomations(state),
    getAutomation: (id: string) => getAutomation(state, id),
    updateAutomation: (id: string, input: unknown) => updateAutomation(state, id, input),
    deleteAutomation: (id: string) => deleteAutomation(state, id),
    listAutomationRuns: (userId?: string) => listAutomationRuns(state, userId),

    listFlows: () => listFlows(state),
    getFlow: (flowId: string) => getFlow(state, flowId),
    createFlow: (body: unknown) => createFlow(state, body),
    updateFlowDraft: (flowId: string, body: unknown) => updateFlowDraft(state, flowId, body),
    publishFlow: (flowId: string) => publishFlow(state, flowId),
    retireFlowVersion: (flowId: string, version: number) =>
      retireFlowVersion(state, flowId, version),
    deleteFlow: (flowId: string) => deleteFlow(state, flowId),
    getUserFlow: (userId: string, flowId: string, pinned?: string | null) =>
      getUserFlow(state, userId, flowId, parseVersionQuery(pinned ?? null)),
    putUserFlowProgress: (userId: string, flowId: string, body: unknown) =>
      putUserFlowProgress(state, userId, flowId, body),
    flowFunnel: (flowId: string, version: string | null) => {
      const parsed = parseVersionQuery(version);
      if (parsed === undefined) {
        throw new GroupsEngineError('validation_failed', 'version: name the version (?version=).', {
          field: 'version',
        });
      }
      return flowFunnel(state, flowId, parsed);
    },

    listApiKeys: () => listApiKeys(state),
    getApiKey: (id: string) => getApiKey(state, id),
    findApiKey: (keyHash: string) => findApiKey(state, keyHash),
    createApiKey: (input: Parameters<typeof createApiKey>[1]) => createApiKey(state, input),
    deleteApiKey: (id: string) => deleteApiKey(state, id),

    /**
     * Everything the engine holds as plain JSON (Maps, records, codes and their
     * redemptions, lockout counters, automation runs, idempotency records); restore it with
     * `createGroupsEngine({ snapshot })`. The clock is not included.
     */
    snapshot: (): EngineSnapshot => takeSnapshot(state, idsTaken()),
  };
}

/**
 * The engine's operations, in parts: each builds its methods over one state. A part is
 * built the first time one of its methods is read (`engineOverState`).
 */
const PARTS = [
  coreApi,
  projectApi,
  createAccountGroupsApi,
  createCodesApi,
  createCodeLifecycleApi,
  createUserGroupsAdminApi,
  createUsersApi,
  createOperatorsApi,
] as const;

type Part = (typeof PARTS)[number];

/** Every operation of the engine (see `engineOverState`). */
export type GroupsEngine = ReturnType<typeof coreApi> &
  ReturnType<typeof projectApi> &
  ReturnType<typeof createAccountGroupsApi> &
  ReturnType<typeof createCodesApi> &
  ReturnType<typeof createCodeLifecycleApi> &
  ReturnType<typeof createUserGroupsAdminApi> &
  ReturnType<typeof createUsersApi> &
  ReturnType<typeof createOperatorsApi>;

/** What one engine holds: its state, and each part once built. */
interface EngineSlots {
  state: EngineState;
  idsTaken: () => number;
  parts: (ReturnType<Part> | undefined)[];
}

const SLOTS = Symbol('groupkit.engine');

/** An engine's part `index`, built on first use. */
function partOf(engine: { [SLOTS]: EngineSlots }, index: number): Record<string, unknown> {
  const slots = engine[SLOTS];
  const part = (slots.parts[index] ??= (PARTS[index] as Part)(slots.state, slots.idsTaken));
  return part as unknown as Record<string, unknown>;
}

let prototype: object | undefined;

/**
 * One getter per operation, made once from the parts' names: an engine is then one small
 * object, and a request reading two operations builds one or two parts. Built as one object
 * of 70-odd closures, every server request paid ~26 µs and ~11 kB of garbage for an engine
 * in dictionary mode (too many properties for a fast one), which made every method call a
 * hash lookup too.
 */
function engineMethods(state: EngineState, idsTaken: () => number): object {
  if (prototype) return prototype;
  const methods: PropertyDescriptorMap = {};
  PARTS.forEach((part, index) => {
    // Only the names are read here: building a part reads nothing from the state.
    for (const name of Object.keys(part(state, idsTaken))) {
      if (Object.hasOwn(methods, name))
        throw new Error(`engine: "${name}" is defined by two parts`);
      methods[name] = {
        get(this: { [SLOTS]: EngineSlots }) {
          return partOf(this, index)[name];
        },
        enumerable: true,
      };
    }
  });
  prototype = Object.create(Object.prototype, methods) as object;
  return prototype;
}

/**
 * The engine's operations over a given state. The in-memory engine owns its state for
 * good; `@groupkit/server` builds a state per request from its database (holding just what
 * the request reads), runs one operation on it here, and writes back what changed, so every
 * rule is the same code in both.
 */
export function engineOverState(
  state: EngineState,
  idsTaken: () => number = () => 0,
): GroupsEngine {
  const engine = Object.create(engineMethods(state, idsTaken)) as { [SLOTS]: EngineSlots };
  engine[SLOTS] = { state, idsTaken, parts: [] };
  return engine as unknown as GroupsEngine;
}
