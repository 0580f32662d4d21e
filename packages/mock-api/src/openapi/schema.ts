/** Tiny JSON Schema (2020-12, as OpenAPI 3.1 uses) builders, so the document reads like the contract. */
export type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const string = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
export const dateTime: Schema = { type: 'string', format: 'date-time' };
export const integer = (extra: Schema = {}): Schema => ({ type: 'integer', ...extra });
export const boolean: Schema = { type: 'boolean' };
export const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
export const arrayOf = (items: Schema, extra: Schema = {}): Schema => ({
  type: 'array',
  items,
  ...extra,
});
export const enumOf = (values: readonly (string | null)[]): Schema => ({ enum: [...values] });
/** Any JSON object (property bags whose keys are the caller's). */
export const anyObject: Schema = { type: 'object' };

/** A closed object: every listed property is required unless named in `optional`. */
export function object(
  properties: Record<string, Schema>,
  optional: readonly string[] = [],
): Schema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    additionalProperties: false,
  };
}

/** `{data, page, pageSize, total}` around a list. */
export const page = (item: Schema): Schema =>
  object({
    data: arrayOf(item),
    page: integer({ minimum: 1 }),
    pageSize: integer({ minimum: 0 }),
    total: integer({ minimum: 0 }),
  });
