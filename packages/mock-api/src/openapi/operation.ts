import { ref, type Schema, string } from './schema';

export type Security = 'any' | 'secret';

export interface OperationSpec {
  summary: string;
  tag: string;
  security: Security;
  /** Path parameters, by name. */
  path?: Record<string, string>;
  /** Query parameters: name → [description, schema, required?]. */
  query?: Record<string, [string, Schema, boolean?]>;
  body?: Schema;
  /** Status → JSON schema, `'csv'` for text/csv, or `null` for no content. */
  responses: Record<number, Schema | 'csv' | null>;
}

const JSON_TYPE = 'application/json';

/** One OpenAPI operation: every one also answers the error envelope for any 4xx/5xx. */
export function operation(spec: OperationSpec) {
  const parameters = [
    ...Object.entries(spec.path ?? {}).map(([name, description]) => ({
      name,
      in: 'path',
      required: true,
      description,
      schema: string(),
    })),
    ...Object.entries(spec.query ?? {}).map(([name, [description, schema, required = false]]) => ({
      name,
      in: 'query',
      required,
      description,
      schema,
    })),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(spec.responses)) {
    responses[status] =
      schema === null
        ? { description: 'No content' }
        : schema === 'csv'
          ? { description: 'CSV', content: { 'text/csv': { schema: string() } } }
          : { description: 'OK', content: { [JSON_TYPE]: { schema } } };
  }
  responses.default = {
    description: 'Error envelope',
    content: { [JSON_TYPE]: { schema: ref('Error') } },
  };
  return {
    summary: spec.summary,
    tags: [spec.tag],
    security:
      spec.security === 'secret'
        ? [{ secretKey: [] }]
        : [{ publishableKey: [] }, { secretKey: [] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body
      ? { requestBody: { required: true, content: { [JSON_TYPE]: { schema: spec.body } } } }
      : {}),
    responses,
  };
}
