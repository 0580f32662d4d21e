import { GroupsEngineError } from './errors';
import type { PropertyPatch } from './properties';
import type { EngineState } from './state';
import { expectBoolean, expectObject, expectString, rejectUnknown } from './validate';

/** Most names `clientWritableProperties` may hold: as many as an account group may have keys. */
export const MAX_CLIENT_WRITABLE_PROPERTIES = 100;
/** Longest name in `clientWritableProperties`. */
export const MAX_CLIENT_WRITABLE_NAME_LENGTH = 100;

/** `GET /v1/project`: the settings of the project the key belongs to. */
export interface ProjectSettings {
  /** Top-level account-group properties a publishable key may write with identify. */
  clientWritableProperties: string[];
  /** Publishable requests must prove their user with `X-GroupKit-User-Hash`. */
  identityVerification: boolean;
}

/** A copy: what a caller holds must not change when the project does. */
export function getProject(state: EngineState): ProjectSettings {
  return {
    clientWritableProperties: [...state.clientWritableProperties],
    identityVerification: state.identityVerification,
  };
}

function fail(field: string, message: string, details: Record<string, unknown> = {}): never {
  throw new GroupsEngineError('validation_failed', `${field}: ${message}`, { field, ...details });
}

function expectPropertyNames(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) {
    fail(field, 'must be an array of top-level property names (e.g. ["onboarding"]).');
  }
  if (value.length > MAX_CLIENT_WRITABLE_PROPERTIES) {
    fail(field, `holds ${value.length} names; the limit is ${MAX_CLIENT_WRITABLE_PROPERTIES}.`, {
      count: value.length,
      limit: MAX_CLIENT_WRITABLE_PROPERTIES,
    });
  }
  const names = value.map((name, i) =>
    expectString(name, `${field}[${i}]`, { max: MAX_CLIENT_WRITABLE_NAME_LENGTH }),
  );
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) {
    fail(field, `lists "${repeated}" twice; name each property once.`, { name: repeated });
  }
  return names;
}

/**
 * `PATCH /v1/project` (secret key): changes the settings given, keeps the others. Checked
 * whole before anything changes, so a refused patch leaves the project as it was. The next
 * request sees the new settings (the server's key cache re-checks them: `sameOwner`).
 */
export function updateProject(state: EngineState, input: unknown): ProjectSettings {
  const body = expectObject(input, 'body');
  rejectUnknown(body, ['clientWritableProperties', 'identityVerification']);
  const names =
    body.clientWritableProperties === undefined
      ? undefined
      : expectPropertyNames(body.clientWritableProperties, 'clientWritableProperties');
  const verification =
    body.identityVerification === undefined
      ? undefined
      : expectBoolean(body.identityVerification, 'identityVerification');
  if (names !== undefined) state.clientWritableProperties = names;
  if (verification !== undefined) state.identityVerification = verification;
  return getProject(state);
}

/**
 * A publishable key's identify may write only the project's `clientWritableProperties`;
 * the first other key refuses the whole write (403 `property_not_writable`), before anything
 * is merged. Keys are top-level: properties merge one top-level key at a time, so writing
 * `{ onboarding: { step: 2 } }` replaces all of `onboarding`, and allowing `onboarding`
 * allows any value under it. Removing a key (`null`) is a write of that key too.
 */
export function checkClientWritable(state: EngineState, patch: PropertyPatch): void {
  const allowed = state.clientWritableProperties;
  for (const key of Object.keys(patch)) {
    if (allowed.includes(key)) continue;
    const writable = allowed.length
      ? `this project lets browsers write only ${allowed.map((k) => `"${k}"`).join(', ')}`
      : 'this project lets browsers write no property';
    throw new GroupsEngineError(
      'property_not_writable',
      `Property "${key}" is not writable with a publishable key (${writable}). Write it with the secret key on your server, or add it to the project's clientWritableProperties (PATCH /v1/project).`,
      { property: key },
    );
  }
}
