import type {
  AttributeOperator,
  JsonValue,
  Rule,
  RuleInput,
  RuleSet,
  RuleSetInput,
  UserStatus,
} from '@groupkit/client';

/** The server's limits, mirrored so the editor can stop before the server has to refuse. */
export const MAX_SETS = 10;
export const MAX_RULES = 10;

export const OPERATORS: readonly AttributeOperator[] = [
  'eq',
  'neq',
  'contains',
  'starts_with',
  'gt',
  'lt',
  'in',
  'exists',
];
export const USER_STATUSES: readonly UserStatus[] = ['active', 'inactive', 'pending'];

/** One rule as the form edits it: every type's inputs as text, so switching type loses nothing. */
export interface RuleDraft {
  key: number;
  /** The stored rule's id, sent back so the server keeps it. */
  id?: string;
  type: Rule['type'];
  field: string;
  op: AttributeOperator;
  /** See `parseValue`. */
  value: string;
  /** Comma- or space-separated. */
  branchIds: string;
  status: UserStatus;
}

export interface SetDraft {
  key: number;
  id?: string;
  rules: RuleDraft[];
}

export interface RuleSetForm {
  operator: RuleSet['operator'];
  sets: SetDraft[];
}

let nextKey = 1;
const key = () => nextKey++;

export function emptyRule(): RuleDraft {
  return {
    key: key(),
    type: 'attribute',
    field: '',
    op: 'eq',
    value: '',
    branchIds: '',
    status: 'active',
  };
}

export function emptySet(): SetDraft {
  return { key: key(), rules: [emptyRule()] };
}

export function emptyRuleSet(): RuleSetForm {
  return { operator: 'OR', sets: [emptySet()] };
}

export const ruleCount = (form: RuleSetForm) => form.sets.reduce((n, s) => n + s.rules.length, 0);

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** `5`, `true`, `null` and `"5"` are read as JSON; anything else (`UK`) is text. */
function parseScalar(text: string): JsonValue {
  const trimmed = text.trim();
  try {
    const value: unknown = JSON.parse(trimmed);
    if (isScalar(value)) return value;
  } catch {
    // Not JSON: plain text.
  }
  return trimmed;
}

/** The typed value of a rule: a list for `in` (comma-separated, or a JSON array), none for `exists`. */
export function parseValue(op: AttributeOperator, text: string): JsonValue | undefined {
  if (op === 'exists') return undefined;
  if (op !== 'in') return parseScalar(text);
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as JsonValue;
    } catch {
      return trimmed;
    }
  }
  return trimmed === '' ? [] : trimmed.split(',').map(parseScalar);
}

/** The text that `parseValue` reads back as `value`. */
export function valueText(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string')
    return parseScalar(value) === value ? value : JSON.stringify(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => valueText(v));
    const plain =
      value.every(isScalar) && items.every((t) => !t.includes(',') && !t.startsWith('['));
    return plain ? items.join(', ') : JSON.stringify(value);
  }
  return JSON.stringify(value);
}

export function fromRuleSet(ruleset: RuleSet | null): RuleSetForm {
  if (!ruleset) return emptyRuleSet();
  return {
    operator: ruleset.operator,
    sets: ruleset.sets.map((set) => ({
      key: key(),
      id: set.id,
      rules: set.rules.map((rule): RuleDraft => {
        const base = { ...emptyRule(), id: rule.id, type: rule.type };
        if (rule.type === 'attribute') {
          const { field, op, value } = rule.payload;
          return { ...base, field, op, value: valueText(value) };
        }
        if (rule.type === 'branch')
          return { ...base, branchIds: rule.payload.branchIds.join(', ') };
        return { ...base, status: rule.payload.status };
      }),
    })),
  };
}

function toRule(draft: RuleDraft): RuleInput {
  const id = draft.id === undefined ? {} : { id: draft.id };
  switch (draft.type) {
    case 'attribute': {
      const value = parseValue(draft.op, draft.value);
      const payload =
        value === undefined
          ? { field: draft.field.trim(), op: draft.op }
          : { field: draft.field.trim(), op: draft.op, value };
      return { ...id, type: 'attribute', payload };
    }
    case 'branch':
      return {
        ...id,
        type: 'branch',
        payload: { branchIds: draft.branchIds.split(/[\s,]+/).filter(Boolean) },
      };
    case 'status':
      return { ...id, type: 'status', payload: { status: draft.status } };
  }
}

/** The rule set to send; the server validates it whole and names the path of any problem. */
export function toRuleSetInput(form: RuleSetForm): RuleSetInput {
  return {
    operator: form.operator,
    sets: form.sets.map((set) => ({
      ...(set.id === undefined ? {} : { id: set.id }),
      rules: set.rules.map(toRule),
    })),
  };
}

/** One rule in words: `country eq "UK"`, `branch in london, paris`, `status is inactive`. */
export function describeRule(rule: Rule): string {
  switch (rule.type) {
    case 'attribute': {
      const { field, op, value } = rule.payload;
      return value === undefined ? `${field} ${op}` : `${field} ${op} ${JSON.stringify(value)}`;
    }
    case 'branch':
      return `branch in ${rule.payload.branchIds.join(', ')}`;
    case 'status':
      return `status is ${rule.payload.status}`;
  }
}

/** One line for a history row: `(country eq "UK") OR (status is inactive)`. */
export function describeRuleSet(ruleset: RuleSet): string {
  return ruleset.sets
    .map((set) => `(${set.rules.map(describeRule).join(' and ')})`)
    .join(` ${ruleset.operator} `);
}
