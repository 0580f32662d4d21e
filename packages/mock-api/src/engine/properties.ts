import { GroupsEngineError } from './errors';
import { NUL_MESSAGE } from './validate';
import type { JsonValue, Properties } from './types';

/**
 * The rules every property bag of the API follows: account-group properties, user attributes
 * and membership attributes. One module, so the three can never disagree about a limit.
 */

/** Most top-level keys a bag may hold after a merge: enough for real use, small enough for rules to stay fast. */
export const MAX_PROPERTY_KEYS = 100;
/** Longest top-level key. Nested keys are part of a value and only count towards the byte limit. */
export const MAX_PROPERTY_KEY_LENGTH = 255;
/** JSON size of a bag, in UTF-8 bytes: the HTTP body limit, so direct engine callers meet the same rule. */
export const MAX_PROPERTIES_BYTES = 64 * 1024;
/** Deepest nesting accepted. Keeps the checks off the call-stack limit and turns a cycle into an error. */
export const MAX_PROPERTY_DEPTH = 32;

/** A bag as sent: a top-level `null` asks for the key to be removed. */
export type PropertyPatch = Record<string, JsonValue>;

function fail(field: string, message: string, details: Record<string, unknown> = {}): never {
  throw new GroupsEngineError('validation_failed', `${field}: ${message}`, { field, ...details });
}

/** Only what `JSON.parse` can produce: `Date`, `Map` or class instances would not survive a round trip. */
function isPlainJsonObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `attributes.plan`, or `attributes["first name"]` when the key is not an identifier. */
function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null) {
    return `a ${(value as object).constructor?.name ?? 'non-plain object'}`;
  }
  return `a ${typeof value}`;
}

function checkJsonValue(value: unknown, path: string, depth: number): void {
  if (typeof value === 'string' && value.includes('\u0000')) fail(path, NUL_MESSAGE);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(path, `must be a finite number (got ${value}).`);
    return;
  }
  const container = Array.isArray(value) || isPlainJsonObject(value);
  if (container && depth >= MAX_PROPERTY_DEPTH) {
    fail(path, `nests deeper than ${MAX_PROPERTY_DEPTH} levels; flatten the value.`);
  }
  if (Array.isArray(value)) {
    // An index loop, not forEach: a hole in a sparse array is `undefined` and must be refused.
    for (let i = 0; i < value.length; i++) checkJsonValue(value[i], `${path}[${i}]`, depth + 1);
    return;
  }
  if (isPlainJsonObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) fail(childPath(path, key), NUL_MESSAGE);
      checkJsonValue(child, childPath(path, key), depth + 1);
    }
    return;
  }
  fail(
    path,
    `must be JSON: a string, finite number, boolean, null, array or plain object (got ${describe(value)}).`,
  );
}

/** UTF-8 bytes of the JSON text, the measure the HTTP body limit uses. */
export function jsonByteSize(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/**
 * A property bag as sent: a plain object, keys of 1..255 characters, JSON values only, at
 * most 64 KB of JSON. Over the size it is 413 `payload_too_large`, as the HTTP body would be.
 */
export function expectPropertyPatch(value: unknown, field: string): PropertyPatch {
  if (!isPlainJsonObject(value)) {
    fail(field, `must be a JSON object of names to values (got ${describe(value)}).`);
  }
  for (const [key, child] of Object.entries(value)) {
    if (key.length === 0) fail(field, 'property names must not be empty.', { key });
    if (key.includes('\u0000')) fail(field, `property names ${NUL_MESSAGE}`, { key });
    if (key.length > MAX_PROPERTY_KEY_LENGTH) {
      fail(
        field,
        `the name "${key.slice(0, 32)}…" is ${key.length} characters; the limit is ${MAX_PROPERTY_KEY_LENGTH}.`,
        { key, length: key.length, limit: MAX_PROPERTY_KEY_LENGTH },
      );
    }
    checkJsonValue(child, childPath(field, key), 1);
  }
  const size = jsonByteSize(value);
  if (size > MAX_PROPERTIES_BYTES) {
    throw new GroupsEngineError(
      'payload_too_large',
      `${field}: ${size} bytes of JSON; the limit is ${MAX_PROPERTIES_BYTES}.`,
      { field, size, limit: MAX_PROPERTIES_BYTES },
    );
  }
  return value as PropertyPatch;
}

/**
 * Merges a patch into a bag: new keys are added, existing ones overwritten, others kept, and
 * a top-level `null` removes its key (the only way to make room under the key limit).
 * Nested values are stored as given, nulls included. The limits apply to the result, so a
 * bag cannot creep past them one merge at a time. Returns a new object; `current` is untouched.
 */
export function mergeProperties(
  current: Properties,
  patch: PropertyPatch,
  field: string,
): Properties {
  // A Map, not assignment: a "__proto__" key must stay data and never reach the prototype.
  const merged = new Map<string, JsonValue>(Object.entries(current));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) merged.delete(key);
    else merged.set(key, structuredClone(value));
  }
  if (merged.size > MAX_PROPERTY_KEYS) {
    fail(
      field,
      `would hold ${merged.size} keys after the merge; the limit is ${MAX_PROPERTY_KEYS}. Send null for a key to remove it.`,
      { count: merged.size, limit: MAX_PROPERTY_KEYS },
    );
  }
  const result: Properties = Object.fromEntries(merged);
  const size = jsonByteSize(result);
  if (size > MAX_PROPERTIES_BYTES) {
    fail(
      field,
      `would total ${size} bytes of JSON after the merge; the limit is ${MAX_PROPERTIES_BYTES}. Send null for keys you no longer need.`,
      { size, limit: MAX_PROPERTIES_BYTES },
    );
  }
  return result;
}
