import type { JsonValue, Rule, RuleSet, UserRecord } from './types';

function compare(actual: JsonValue | undefined, op: string, expected: JsonValue | undefined) {
  switch (op) {
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'eq':
      return actual === expected;
    case 'neq':
      return actual !== expected;
    case 'contains':
      return typeof actual === 'string' && typeof expected === 'string'
        ? actual.includes(expected)
        : Array.isArray(actual) && actual.includes(expected as JsonValue);
    case 'starts_with':
      return (
        typeof actual === 'string' && typeof expected === 'string' && actual.startsWith(expected)
      );
    case 'gt':
      return typeof actual === 'number' && typeof expected === 'number' && actual > expected;
    case 'lt':
      return typeof actual === 'number' && typeof expected === 'number' && actual < expected;
    case 'in':
      return Array.isArray(expected) && expected.includes(actual as JsonValue);
    default:
      return false;
  }
}

export function ruleHolds(rule: Rule, user: UserRecord): boolean {
  switch (rule.type) {
    case 'attribute': {
      // Own keys only: `attributes.constructor` must not read Object's constructor.
      const { field } = rule.payload;
      const actual = Object.hasOwn(user.attributes, field) ? user.attributes[field] : undefined;
      return compare(actual, rule.payload.op, rule.payload.value);
    }
    case 'branch':
      return user.branchId !== null && rule.payload.branchIds.includes(user.branchId);
    case 'status':
      return user.status === rule.payload.status;
  }
}

/** Every rule in a set must hold; `AND` needs every set, `OR` at least one. An empty rule set matches nobody. */
export function matchesRuleSet(ruleset: RuleSet, user: UserRecord): boolean {
  if (ruleset.sets.length === 0) return false;
  const setHolds = (set: RuleSet['sets'][number]) =>
    set.rules.length > 0 && set.rules.every((rule) => ruleHolds(rule, user));
  return ruleset.operator === 'AND' ? ruleset.sets.every(setHolds) : ruleset.sets.some(setHolds);
}
