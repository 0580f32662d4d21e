import { GroupsEngineError } from './errors';
import type { IdGenerator } from './ids';
import type { AttributeOperator, JsonValue, Rule, RuleSet, UserStatus } from './types';
import {
  expectObject,
  expectOneOf,
  expectString,
  expectStringArray,
  rejectUnknown,
} from './validate';

/** Most sets a rule set may hold: beyond this, evaluation cost and admin UIs both suffer. */
export const MAX_RULE_SETS = 10;
/** Most rules a rule set may hold, counted over all its sets. */
export const MAX_RULES = 10;

const OPERATORS = [
  'eq',
  'neq',
  'contains',
  'starts_with',
  'gt',
  'lt',
  'in',
  'exists',
] as const satisfies readonly AttributeOperator[];
const RULE_TYPES = ['attribute', 'branch', 'status'] as const satisfies readonly Rule['type'][];
const USER_STATUSES = ['active', 'inactive', 'pending'] as const satisfies readonly UserStatus[];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A rule as validated: an id the caller left out is assigned once the whole input is valid. */
export type RuleDraft = DistributiveOmit<Rule, 'id'> & { id?: string };

/** A rule set as validated, before ids are assigned. A stored `RuleSet` is also a draft. */
export interface RuleSetDraft {
  operator: RuleSet['operator'];
  sets: { id?: string; rules: RuleDraft[] }[];
}

type AttributePayload = Extract<Rule, { type: 'attribute' }>['payload'];
type Scalar = string | number | boolean | null;

function invalid(field: string, message: string): never {
  throw new GroupsEngineError('validation_failed', `${field}: ${message}`, { field });
}

const isScalar = (value: unknown): value is Scalar =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** The value an operator compares with: each operator says what it needs, so a typo cannot make a rule silently match nobody. */
function parseOperand(op: AttributeOperator, value: unknown, field: string): JsonValue | undefined {
  switch (op) {
    case 'exists':
      if (value !== undefined) invalid(field, '"exists" takes no value; leave "value" out.');
      return undefined;
    case 'in':
      if (!Array.isArray(value) || value.length === 0 || !value.every(isScalar)) {
        invalid(field, '"in" needs a non-empty array of strings, numbers, booleans or nulls.');
      }
      return value;
    case 'gt':
    case 'lt':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        invalid(field, `"${op}" needs a number.`);
      }
      return value;
    case 'starts_with':
      return expectString(value, field, { max: 200 });
    case 'contains':
      if (value === null || !isScalar(value)) {
        invalid(field, '"contains" needs a string, number or boolean.');
      }
      return value;
    case 'eq':
    case 'neq':
      if (value === undefined || !isScalar(value)) {
        invalid(field, `"${op}" needs a string, number, boolean or null.`);
      }
      return value;
  }
}

function parseAttributePayload(payload: Record<string, unknown>, path: string): AttributePayload {
  rejectUnknown(payload, ['field', 'op', 'value'], path);
  const field = expectString(payload.field, `${path}.field`, { max: 100 });
  const op = expectOneOf(payload.op, `${path}.op`, OPERATORS);
  const value = parseOperand(op, payload.value, `${path}.value`);
  return value === undefined ? { field, op } : { field, op, value };
}

function parseRule(input: unknown, path: string): RuleDraft {
  const rule = expectObject(input, path);
  rejectUnknown(rule, ['id', 'type', 'payload'], path);
  const id = rule.id === undefined ? undefined : expectString(rule.id, `${path}.id`, { max: 64 });
  const type = expectOneOf(rule.type, `${path}.type`, RULE_TYPES);
  const payloadPath = `${path}.payload`;
  const payload = expectObject(rule.payload, payloadPath);
  const withId = <T extends object>(draft: T) => (id === undefined ? draft : { id, ...draft });
  switch (type) {
    case 'attribute':
      return withId({ type, payload: parseAttributePayload(payload, payloadPath) });
    case 'branch': {
      rejectUnknown(payload, ['branchIds'], payloadPath);
      const branchIds = expectStringArray(payload.branchIds, `${payloadPath}.branchIds`, {
        max: 100,
      });
      if (branchIds.length === 0) invalid(`${payloadPath}.branchIds`, 'list at least one branch.');
      return withId({ type, payload: { branchIds } });
    }
    case 'status':
      rejectUnknown(payload, ['status'], payloadPath);
      return withId({
        type,
        payload: { status: expectOneOf(payload.status, `${payloadPath}.status`, USER_STATUSES) },
      });
  }
}

/** Refuses a rule set over the limits before looking inside it, so the caller learns the real problem first. */
function checkSize(sets: unknown[], field: string) {
  if (sets.length > MAX_RULE_SETS) {
    throw new GroupsEngineError(
      'ruleset_too_large',
      `${field}: ${sets.length} sets; a rule set holds at most ${MAX_RULE_SETS}.`,
      { field: `${field}.sets`, limit: MAX_RULE_SETS, count: sets.length },
    );
  }
  const rules = sets.reduce<number>((total, set) => {
    const list = (set as { rules?: unknown } | null)?.rules;
    return total + (Array.isArray(list) ? list.length : 0);
  }, 0);
  if (rules > MAX_RULES) {
    throw new GroupsEngineError(
      'ruleset_too_large',
      `${field}: ${rules} rules; a rule set holds at most ${MAX_RULES} rules over all its sets.`,
      { field: `${field}.sets`, limit: MAX_RULES, count: rules },
    );
  }
}

/** Refuses two sets (or two rules) with the same id: history and admin UIs address them by id. */
function checkUniqueIds(draft: RuleSetDraft, field: string) {
  const setIds = new Set<string>();
  const ruleIds = new Set<string>();
  draft.sets.forEach((set, s) => {
    if (set.id !== undefined) {
      if (setIds.has(set.id)) invalid(`${field}.sets[${s}].id`, `"${set.id}" is used twice.`);
      setIds.add(set.id);
    }
    set.rules.forEach((rule, r) => {
      if (rule.id === undefined) return;
      if (ruleIds.has(rule.id)) {
        invalid(`${field}.sets[${s}].rules[${r}].id`, `"${rule.id}" is used twice.`);
      }
      ruleIds.add(rule.id);
    });
  });
}

/**
 * Validates a rule set whole, naming the exact path of the first problem
 * (`ruleset.sets[1].rules[0].payload.op`). Changes nothing: ids are assigned later by
 * `assignRuleSetIds`, once every other field of the request is known to be valid too.
 */
export function parseRuleSet(input: unknown, field = 'ruleset'): RuleSetDraft {
  const body = expectObject(input, field);
  rejectUnknown(body, ['operator', 'sets'], field);
  const operator = expectOneOf(body.operator, `${field}.operator`, ['AND', 'OR'] as const);
  if (!Array.isArray(body.sets)) invalid(`${field}.sets`, 'must be an array of sets.');
  if (body.sets.length === 0) {
    invalid(`${field}.sets`, 'add at least one set; an empty rule set matches nobody.');
  }
  checkSize(body.sets, field);
  const sets = body.sets.map((input, s) => {
    const path = `${field}.sets[${s}]`;
    const set = expectObject(input, path);
    rejectUnknown(set, ['id', 'rules'], path);
    const id = set.id === undefined ? undefined : expectString(set.id, `${path}.id`, { max: 64 });
    if (!Array.isArray(set.rules)) invalid(`${path}.rules`, 'must be an array of rules.');
    if (set.rules.length === 0) {
      invalid(`${path}.rules`, 'add at least one rule; an empty set matches nobody.');
    }
    const rules = set.rules.map((rule, r) => parseRule(rule, `${path}.rules[${r}]`));
    return id === undefined ? { rules } : { id, rules };
  });
  const draft: RuleSetDraft = { operator, sets };
  checkUniqueIds(draft, field);
  return draft;
}

/** The stored rule set: every set and rule the caller did not name gets a fresh id. */
export function assignRuleSetIds(draft: RuleSetDraft, ids: IdGenerator): RuleSet {
  return {
    operator: draft.operator,
    sets: draft.sets.map((set) => ({
      id: set.id ?? ids(),
      rules: set.rules.map((rule) => ({ ...rule, id: rule.id ?? ids() }) as Rule),
    })),
  };
}

/** JSON with object keys sorted, so `{op, field}` and `{field, op}` compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Whether two rule sets say the same thing, ids aside: same operator, and the same rules
 * in the same sets, in the same order. Ids are labels, so re-saving an unchanged form is
 * not a change; a reorder is, since it changes what the admin sees stored.
 */
export function sameRuleSet(a: RuleSetDraft, b: RuleSetDraft): boolean {
  return ruleSetContent(a) === ruleSetContent(b);
}

/** What a rule set says, ids aside, as one string: equal strings select the same users. */
export function ruleSetContent(ruleset: RuleSetDraft): string {
  return canonical({
    operator: ruleset.operator,
    sets: ruleset.sets.map((set) => set.rules.map((rule) => [rule.type, rule.payload])),
  });
}
