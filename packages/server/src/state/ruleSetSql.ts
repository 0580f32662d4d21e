/**
 * A rule set as one SQL condition over the `users` table, so an automatic group's members are
 * found set-based in the database instead of by loading every user into the engine.
 *
 * The condition mirrors the engine's `matchesRuleSet` (packages/mock-api/src/engine/rules.ts)
 * exactly, JavaScript quirks included; a property test holds the two equal on PGlite and
 * PostgreSQL. Every value goes in as a bound parameter (text, jsonb or numeric); nothing from
 * a rule is ever spliced into the SQL text.
 */
import type { JsonValue, Rule, RuleSet } from '@groupkit/client';
import { type SQL, sql } from 'drizzle-orm';

const FALSE = sql`false`;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text PostgreSQL can hold: no U+0000 and no lone UTF-16 surrogate. No stored user holds
 * anything else, so such a value can never be `===` to a stored one. (It must not be sent
 * either: jsonb refuses it, and a text parameter would turn a lone surrogate into U+FFFD.)
 */
const storable = (text: string) => !text.includes('\u0000') && !LONE_SURROGATE.test(text);

type Scalar = string | number | boolean | null;

/**
 * A value some stored JSON value can be `===` to: a scalar PostgreSQL can hold. Objects and
 * arrays are compared by reference in JavaScript, so they never equal a loaded value; NaN and
 * the infinities are not JSON.
 */
function matchable(value: unknown): value is Scalar {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && storable(value);
}

const jsonb = (value: Scalar | Scalar[]) => sql`${JSON.stringify(value)}::jsonb`;

/**
 * The user's own attribute `field` as jsonb, SQL NULL where the user has none (the engine
 * reads own keys only, so `constructor` is as missing as any other absent name).
 */
function attributeValue(field: string): SQL {
  return storable(field) ? sql`(u.data->'attributes'->${field}::text)` : sql`null::jsonb`;
}

/** `actual === expected`, never NULL. */
function equals(actual: SQL, expected: unknown): SQL {
  if (expected === undefined) return sql`(${actual} is null)`;
  if (!matchable(expected)) return FALSE;
  // jsonb equality: numbers numerically (1 = 1.0), strings byte for byte, types never mixed.
  return sql`coalesce(${actual} = ${jsonb(expected)}, false)`;
}

/** An array `actual` holds `expected` (`Array.prototype.includes`), for an array `actual`. */
function arrayHolds(actual: SQL, expected: unknown): SQL {
  // Only a scalar element can be `===` to a scalar; containment compares top-level scalars.
  return matchable(expected) ? sql`(${actual} @> ${jsonb([expected])})` : FALSE;
}

/** `[…]` of the code points whose UTF-16 form starts with high surrogate `unit`. */
function highSurrogateClass(unit: number): string {
  const first = 0x10000 + (unit - 0xd800) * 0x400;
  return `[${String.fromCodePoint(first)}-${String.fromCodePoint(first + 0x3ff)}]`;
}

/** `[…]` of the code points whose UTF-16 form ends with low surrogate `unit`. */
function lowSurrogateClass(unit: number): string {
  let members = '';
  for (let high = 0; high < 0x400; high++) {
    members += String.fromCodePoint(0x10000 + high * 0x400 + (unit - 0xdc00));
  }
  return `[${members}]`;
}

/** Every ASCII character but letters and digits escaped: literal in a PostgreSQL regex. */
const regexLiteral = (text: string) => text.replace(/[^A-Za-z0-9\u0080-\uffff]/g, '\\$&');

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * A regex for "holds the UTF-16 code units of `expected`" over well-formed text, for an
 * `expected` with lone surrogates (JavaScript compares code units: `'😀'.includes('\ud83d')`).
 * In well-formed text a lone low surrogate can only be the second half of a pair, so it may
 * only open `expected` (and never a prefix: text cannot start with one), a lone high
 * surrogate only close it; anything else never matches (`null`).
 */
function loneSurrogatePattern(expected: string, prefix: boolean): string | null {
  // `charCodeAt` past either end is NaN: neither high nor low.
  const unit = (i: number) => expected.charCodeAt(i);
  const last = expected.length - 1;
  let start = 0;
  let end = expected.length;
  let head = '';
  let tail = '';
  for (let i = 0; i <= last; i++) {
    const loneHigh = isHigh(unit(i)) && !isLow(unit(i + 1));
    const loneLow = isLow(unit(i)) && !isHigh(unit(i - 1));
    if (!loneHigh && !loneLow) continue;
    if (loneLow && i === 0 && !prefix) {
      head = lowSurrogateClass(unit(i));
      start = 1;
    } else if (loneHigh && i === last) {
      tail = highSurrogateClass(unit(i));
      end = last;
    } else {
      return null;
    }
  }
  // A one-unit `expected` is a leading low (start 1, end 1) or a trailing high (0, 0).
  return head + regexLiteral(expected.slice(start, end)) + tail;
}

/** The string `text` (SQL text, not NULL) holds `expected` (`includes`) or starts with it. */
function stringTest(text: SQL, expected: string, prefix: boolean): SQL {
  if (expected.includes('\u0000')) return FALSE;
  if (!LONE_SURROGATE.test(expected)) {
    // `strpos`/`starts_with` compare bytes: no LIKE wildcards, no collation, case-sensitive.
    return prefix
      ? sql`starts_with(${text}, ${expected}::text)`
      : sql`(strpos(${text}, ${expected}::text) > 0)`;
  }
  const pattern = loneSurrogatePattern(expected, prefix);
  if (pattern === null) return FALSE;
  return sql`(${text} ~ ${(prefix ? '^' : '') + pattern}::text)`;
}

/** The engine's `compare(actual, op, expected)`, never NULL. */
function compare(actual: SQL, op: string, expected: JsonValue | undefined): SQL {
  const type = sql`jsonb_typeof(${actual})`;
  const text = sql`(${actual} #>> '{}')`;
  switch (op) {
    case 'exists':
      return sql`coalesce(${type} <> 'null', false)`;
    case 'eq':
      return equals(actual, expected);
    case 'neq':
      return sql`(not ${equals(actual, expected)})`;
    case 'contains':
      if (typeof expected === 'string') {
        return sql`(case ${type} when 'string' then ${stringTest(text, expected, false)} when 'array' then ${arrayHolds(actual, expected)} else false end)`;
      }
      return sql`(case when ${type} = 'array' then ${arrayHolds(actual, expected)} else false end)`;
    case 'starts_with':
      if (typeof expected !== 'string') return FALSE;
      return sql`(case when ${type} = 'string' then ${stringTest(text, expected, true)} else false end)`;
    case 'gt':
    case 'lt': {
      if (typeof expected !== 'number' || Number.isNaN(expected)) return FALSE;
      const isNumber = sql`coalesce(${type} = 'number', false)`;
      // A stored number is finite: above -Infinity and below Infinity, never the other way.
      if (!Number.isFinite(expected)) return expected > 0 === (op === 'lt') ? isNumber : FALSE;
      // Cast inside the CASE only: casting a jsonb string to numeric is an error.
      // Shortest round-trip decimals order exactly as the doubles they denote.
      return sql`(case when ${type} = 'number' then (${actual})::numeric ${op === 'gt' ? sql`>` : sql`<`} ${String(expected)}::numeric else false end)`;
    }
    case 'in': {
      if (!Array.isArray(expected)) return FALSE;
      const candidates = expected.filter(matchable);
      if (candidates.length === 0) return FALSE;
      // A scalar `actual` only: an object or array is never `===` to a list element.
      return sql`(case when ${type} in ('string', 'number', 'boolean', 'null') then ${jsonb(candidates)} @> jsonb_build_array(${actual}) else false end)`;
    }
    default:
      return FALSE;
  }
}

/** The engine's `ruleHolds(rule, user)` for the user in `u.data`, never NULL. */
function ruleCondition(rule: Rule): SQL {
  switch (rule.type) {
    case 'attribute':
      return compare(attributeValue(rule.payload.field), rule.payload.op, rule.payload.value);
    case 'branch': {
      // `branchId !== null && branchIds.includes(branchId)`: a null in the list never counts.
      const ids = (rule.payload.branchIds as unknown[]).filter(
        (id): id is Exclude<Scalar, null> => id !== null && matchable(id),
      );
      if (ids.length === 0) return FALSE;
      return sql`(${jsonb(ids)} @> jsonb_build_array(u.data->'branchId'))`;
    }
    case 'status':
      return equals(sql`(u.data->'status')`, rule.payload.status);
    default:
      // An unknown rule type: `ruleHolds` returns undefined, and `every` takes that as false.
      return FALSE;
  }
}

/**
 * TRUE exactly when `matchesRuleSet(ruleset, user)` holds for the user in `u.data` (a row
 * alias `u` of `users`), and FALSE otherwise: never NULL, so `not (…)` is the complement.
 *
 * ```ts
 * sql`select u.id from users u where u.project_id = ${projectId} and ${ruleSetCondition(rs)}`
 * ```
 *
 * No sets matches nobody; a set with no rules never holds; `AND` needs every set, any other
 * operator (`OR`) at least one; inside a set every rule must hold.
 */
export function ruleSetCondition(ruleset: RuleSet): SQL {
  const sets = ruleset.sets.map((set) =>
    set.rules.length === 0 ? FALSE : sql`(${sql.join(set.rules.map(ruleCondition), sql` and `)})`,
  );
  if (sets.length === 0) return FALSE;
  return sql`(${sql.join(sets, ruleset.operator === 'AND' ? sql` and ` : sql` or `)})`;
}
