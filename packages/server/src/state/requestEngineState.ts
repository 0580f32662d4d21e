import type {
  AccountGroup,
  ApiKeyRecord,
  AuditRecord,
  AutomationRecord,
  AutomationRun,
  CodeRecord,
  ConditionsVersion,
  EngineState,
  FlowProgressRecord,
  FlowRecord,
  IdempotencyEntry,
  MemberExportRow,
  MemberListQuery,
  MemberPage,
  MembershipStore,
  OperatorRecord,
  OperatorSessionRecord,
  UserGroupRecord,
  UserRecord,
} from '@groupkit/mock-api/core';
import { LoadedMap } from './loadedMap';

/** What a request's state starts from (see `createRequestState`). */
export interface RequestStateStart {
  now: () => Date;
  ids: () => string;
  identityVerification: boolean;
  clientWritableProperties: string[];
  nextLegacyId: number;
  memberships: MembershipStore;
  automationRuns: AutomationRun[];
  auditLog: AuditRecord[];
  /** A write's maps remember what they loaded, to find what it changed (`LoadedMap`). */
  track: boolean;
}

/**
 * The engine's state for one request. Each map is made the first time it is read: a session
 * fills 3 of the 14 (and shares the kept groups' maps: `shareGroups`), and every map made for
 * nothing cost an allocation and, while its request waited for the database, a copy at each
 * young-generation collection.
 */
export class RequestEngineState implements EngineState {
  readonly now: () => Date;
  readonly ids: () => string;
  identityVerification: boolean;
  clientWritableProperties: string[];
  nextLegacyId: number;
  readonly memberships: MembershipStore;
  automationRuns: AutomationRun[];
  auditLog: AuditRecord[];
  recalculate?: (group: UserGroupRecord, at: Date) => { before: number; after: number };
  memberPage?: (group: UserGroupRecord, query: MemberListQuery) => MemberPage;
  memberExport?: (group: UserGroupRecord) => readonly MemberExportRow[];

  readonly #track: boolean;
  #slugs?: Map<string, string>;
  #legacyIds?: Map<number, string>;
  #ownGroups?: LoadedMap<string, UserGroupRecord>;
  /** The kept groups a read shares instead (`shareGroups`). */
  #sharedGroups?: Map<string, UserGroupRecord>;
  #users?: LoadedMap<string, UserRecord>;
  #accountGroups?: LoadedMap<string, AccountGroup>;
  #codes?: LoadedMap<string, CodeRecord>;
  #redeemFailures?: LoadedMap<string, number[]>;
  #automations?: LoadedMap<string, AutomationRecord>;
  #conditionsHistory?: LoadedMap<string, ConditionsVersion[]>;
  #idempotency?: LoadedMap<string, IdempotencyEntry>;
  #operators?: LoadedMap<string, OperatorRecord>;
  #operatorSessions?: LoadedMap<string, OperatorSessionRecord>;
  #signInFailures?: LoadedMap<string, number[]>;
  #apiKeys?: LoadedMap<string, ApiKeyRecord>;
  #flows?: LoadedMap<string, FlowRecord>;
  #flowProgress?: LoadedMap<string, FlowProgressRecord>;

  constructor(start: RequestStateStart) {
    this.now = start.now;
    this.ids = start.ids;
    this.identityVerification = start.identityVerification;
    this.clientWritableProperties = start.clientWritableProperties;
    this.nextLegacyId = start.nextLegacyId;
    this.memberships = start.memberships;
    this.automationRuns = start.automationRuns;
    this.auditLog = start.auditLog;
    this.#track = start.track;
  }

  /** slug → uuid: the kept groups' map once loaded (see `GroupCatalog`). */
  get slugs(): Map<string, string> {
    return (this.#slugs ??= new Map());
  }
  set slugs(slugs: Map<string, string>) {
    this.#slugs = slugs;
  }
  /** legacyId → uuid, as `slugs`. */
  get legacyIds(): Map<number, string> {
    return (this.#legacyIds ??= new Map());
  }
  set legacyIds(legacyIds: Map<number, string>) {
    this.#legacyIds = legacyIds;
  }
  /** The groups: the kept ones a read shares (`shareGroups`), else `ownGroups`. */
  get userGroups(): Map<string, UserGroupRecord> {
    return this.#sharedGroups ?? this.ownGroups;
  }

  /** This request's own map of groups, loaded one by one: a write's, to find what it changed. */
  get ownGroups(): LoadedMap<string, UserGroupRecord> {
    return (this.#ownGroups ??= new LoadedMap('user groups', this.#track));
  }

  /**
   * Reads `groups` as the project's every group: a read request's, from the kept groups
   * (`GroupCatalog`), which refuse any change. Saves filling a map of its own, group by
   * group, on every request.
   */
  shareGroups(groups: Map<string, UserGroupRecord>): void {
    if (this.#track) throw new Error('shareGroups: a write loads groups of its own');
    this.#sharedGroups = groups;
  }
  get users(): LoadedMap<string, UserRecord> {
    return (this.#users ??= new LoadedMap('users', this.#track));
  }
  get accountGroups(): LoadedMap<string, AccountGroup> {
    return (this.#accountGroups ??= new LoadedMap('account groups', this.#track));
  }
  get codes(): LoadedMap<string, CodeRecord> {
    return (this.#codes ??= new LoadedMap('codes', this.#track));
  }
  get redeemFailures(): LoadedMap<string, number[]> {
    return (this.#redeemFailures ??= new LoadedMap('code failures', this.#track));
  }
  get automations(): LoadedMap<string, AutomationRecord> {
    return (this.#automations ??= new LoadedMap('automations', this.#track));
  }
  get conditionsHistory(): LoadedMap<string, ConditionsVersion[]> {
    return (this.#conditionsHistory ??= new LoadedMap('rule-set history', this.#track));
  }
  get idempotency(): LoadedMap<string, IdempotencyEntry> {
    return (this.#idempotency ??= new LoadedMap('idempotency keys', this.#track));
  }
  get operators(): LoadedMap<string, OperatorRecord> {
    return (this.#operators ??= new LoadedMap('operators', this.#track));
  }
  get operatorSessions(): LoadedMap<string, OperatorSessionRecord> {
    return (this.#operatorSessions ??= new LoadedMap('operator sessions', this.#track));
  }
  get signInFailures(): LoadedMap<string, number[]> {
    return (this.#signInFailures ??= new LoadedMap('sign-in failures', this.#track));
  }
  get apiKeys(): LoadedMap<string, ApiKeyRecord> {
    return (this.#apiKeys ??= new LoadedMap('API keys', this.#track));
  }
  get flows(): LoadedMap<string, FlowRecord> {
    return (this.#flows ??= new LoadedMap('flows', this.#track));
  }
  get flowProgress(): LoadedMap<string, FlowProgressRecord> {
    return (this.#flowProgress ??= new LoadedMap('flow progress', this.#track));
  }
}
