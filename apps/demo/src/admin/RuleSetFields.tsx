import { useId } from 'react';
import {
  emptyRule,
  emptySet,
  MAX_RULES,
  MAX_SETS,
  OPERATORS,
  type RuleDraft,
  ruleCount,
  type RuleSetForm,
  USER_STATUSES,
} from './ruleSetDraft';

export interface RuleSetFieldsProps {
  value: RuleSetForm;
  onChange: (next: RuleSetForm) => void;
  /** The server's `details.field` of the last error, e.g. `ruleset.sets[1].rules[0].payload.value`. */
  errorField?: string;
  /** The server's message for it, shown beside the rule it names. */
  errorMessage?: string;
  disabled?: boolean;
}

/** The inputs of a rule set (no form of its own): used by the create form and the rule-set editor. */
export function RuleSetFields({
  value,
  onChange,
  errorField,
  errorMessage,
  disabled,
}: RuleSetFieldsProps) {
  const id = useId();
  const rules = ruleCount(value);
  const full = rules >= MAX_RULES;
  const setRule = (s: number, r: number, patch: Partial<RuleDraft>) =>
    onChange({
      ...value,
      sets: value.sets.map((set, i) =>
        i !== s
          ? set
          : { ...set, rules: set.rules.map((rule, j) => (j === r ? { ...rule, ...patch } : rule)) },
      ),
    });
  const setRules = (s: number, next: (rules: RuleDraft[]) => RuleDraft[]) =>
    onChange({
      ...value,
      sets: value.sets.map((set, i) => (i === s ? { ...set, rules: next(set.rules) } : set)),
    });
  const invalid = (path: string) => errorField !== undefined && errorField.startsWith(path);
  const topLevelError = errorField?.startsWith('ruleset') && !errorField.includes('.rules[');

  return (
    <fieldset className="demo-admin-ruleset" disabled={disabled}>
      <legend>Rule set</legend>
      <fieldset className="demo-admin-inline">
        <legend>Sets combine with</legend>
        {(['OR', 'AND'] as const).map((operator) => (
          <label key={operator}>
            <input
              type="radio"
              name={`${id}-operator`}
              value={operator}
              checked={value.operator === operator}
              onChange={() => onChange({ ...value, operator })}
            />
            {operator === 'OR' ? 'OR (any set holds)' : 'AND (every set holds)'}
          </label>
        ))}
      </fieldset>
      {value.sets.map((set, s) => (
        <fieldset key={set.key} className="demo-admin-set">
          <legend>Set {s + 1} (all its rules must hold)</legend>
          {set.rules.map((rule, r) => {
            const path = `ruleset.sets[${s}].rules[${r}]`;
            const errorId = `${id}-${set.key}-${rule.key}-error`;
            const field = (suffix: string) =>
              invalid(`${path}.${suffix}`)
                ? { 'aria-invalid': true, 'aria-describedby': errorId }
                : {};
            return (
              <fieldset key={rule.key} className="demo-admin-rule">
                <legend>Rule {r + 1}</legend>
                <label>
                  Rule type
                  <select
                    value={rule.type}
                    onChange={(e) => setRule(s, r, { type: e.target.value as RuleDraft['type'] })}
                    {...field('type')}
                  >
                    <option value="attribute">attribute</option>
                    <option value="branch">branch</option>
                    <option value="status">status</option>
                  </select>
                </label>
                {rule.type === 'attribute' ? (
                  <>
                    <label>
                      Attribute
                      <input
                        value={rule.field}
                        onChange={(e) => setRule(s, r, { field: e.target.value })}
                        placeholder="country"
                        {...field('payload.field')}
                      />
                    </label>
                    <label>
                      Operator
                      <select
                        value={rule.op}
                        onChange={(e) => setRule(s, r, { op: e.target.value as RuleDraft['op'] })}
                        {...field('payload.op')}
                      >
                        {OPERATORS.map((op) => (
                          <option key={op}>{op}</option>
                        ))}
                      </select>
                    </label>
                    {rule.op === 'exists' ? null : (
                      <label>
                        Value
                        <input
                          value={rule.value}
                          onChange={(e) => setRule(s, r, { value: e.target.value })}
                          placeholder={rule.op === 'in' ? 'pro, plus' : 'UK'}
                          {...field('payload.value')}
                        />
                      </label>
                    )}
                  </>
                ) : null}
                {rule.type === 'branch' ? (
                  <label>
                    Branch ids
                    <input
                      value={rule.branchIds}
                      onChange={(e) => setRule(s, r, { branchIds: e.target.value })}
                      placeholder="london, nyc"
                      {...field('payload.branchIds')}
                    />
                  </label>
                ) : null}
                {rule.type === 'status' ? (
                  <label>
                    Status
                    <select
                      value={rule.status}
                      onChange={(e) =>
                        setRule(s, r, { status: e.target.value as RuleDraft['status'] })
                      }
                      {...field('payload.status')}
                    >
                      {USER_STATUSES.map((status) => (
                        <option key={status}>{status}</option>
                      ))}
                    </select>
                  </label>
                ) : null}
                <button
                  type="button"
                  onClick={() => setRules(s, (list) => list.filter((_, j) => j !== r))}
                  disabled={set.rules.length === 1}
                  aria-label={`Remove rule ${r + 1} of set ${s + 1}`}
                >
                  Remove rule
                </button>
                {invalid(path) ? (
                  <p id={errorId} className="demo-admin-field-error">
                    {errorMessage}
                  </p>
                ) : null}
              </fieldset>
            );
          })}
          <div className="demo-admin-actions">
            <button
              type="button"
              onClick={() => setRules(s, (list) => [...list, emptyRule()])}
              disabled={full}
            >
              Add rule to set {s + 1}
            </button>
            <button
              type="button"
              onClick={() => onChange({ ...value, sets: value.sets.filter((_, i) => i !== s) })}
              disabled={value.sets.length === 1}
            >
              Remove set {s + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <div className="demo-admin-actions">
        <button
          type="button"
          onClick={() => onChange({ ...value, sets: [...value.sets, emptySet()] })}
          disabled={full || value.sets.length >= MAX_SETS}
        >
          Add set
        </button>
        <span className="demo-admin-hint">
          {rules} of {MAX_RULES} rules, {value.sets.length} of {MAX_SETS} sets. Values are read as
          JSON when they parse (5, true, "5"), else as text; “in” takes a comma-separated list.
        </span>
      </div>
      {topLevelError ? <p className="demo-admin-field-error">{errorMessage}</p> : null}
    </fieldset>
  );
}
