import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import spec from '../../../openapi.json';

// ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as typeof addFormatsModule;

type Doc = typeof spec & {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};
const doc = spec as Doc;

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** Path templates as regexes; the most literal template wins (`{id}/codes` over `{id}`). */
const templates = Object.keys(doc.paths ?? {})
  .map((template) => ({
    template,
    regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
  }))
  .sort((a, b) => b.literals - a.literals);

/**
 * Validates real responses against the committed openapi.json: status documented (a 4xx with
 * the operation's codes for it; a 5xx may be the `default` error envelope), content type as
 * documented, body matching the schema.
 */
export function createOpenApiValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi');
  const cache = new Map<string, ReturnType<typeof ajv.getSchema>>();
  const validatorAt = (ref: string) => {
    if (!cache.has(ref)) cache.set(ref, ajv.compile({ $ref: ref }));
    return cache.get(ref) as NonNullable<ReturnType<typeof ajv.getSchema>>;
  };

  return {
    /** Returns a readable problem, or null when the response conforms. */
    async check(method: string, pathname: string, response: Response): Promise<string | null> {
      if (response.type === 'error') return null; // an injected dropped connection has no body
      const where = `${method} ${pathname} → ${response.status}`;
      const match = templates.find((t) => t.regex.test(pathname));
      const contentType = response.headers.get('content-type') ?? '';
      const operation = match ? doc.paths[match.template]?.[method.toLowerCase()] : undefined;
      if (!operation) {
        // Only the catch-all may answer undocumented routes, and only with the error envelope.
        if (response.status !== 404) return `${where}: route not in openapi.json`;
        return validateJson(
          validatorAt('openapi#/components/schemas/Error'),
          await response.json(),
          where,
        );
      }
      const status = String(response.status);
      // A 4xx is documented by the operation with its codes; only server errors fall back to
      // `default`.
      const documented =
        status in operation.responses ? status : response.status >= 500 ? 'default' : null;
      if (!documented) return `${where}: status not documented`;
      const content = (operation.responses[documented] as { content?: Record<string, unknown> })
        .content;
      if (!content)
        return (await response.text()) === ''
          ? null
          : `${where}: documented without content but has a body`;
      if (
        content['text/csv'] &&
        (!content['application/json'] || contentType.startsWith('text/csv'))
      )
        return contentType.startsWith('text/csv')
          ? null
          : `${where}: expected text/csv, got ${contentType}`;
      if (!contentType.includes('application/json'))
        return `${where}: expected JSON, got ${contentType}`;
      const ref = `openapi#/${pointer('paths', match?.template as string, method.toLowerCase(), 'responses', documented, 'content', 'application/json', 'schema')}`;
      return validateJson(validatorAt(ref), await response.json(), where);
    },
  };
}

function validateJson(
  validate: NonNullable<ReturnType<Ajv2020['getSchema']>>,
  body: unknown,
  where: string,
) {
  if (validate(body)) return null;
  const errors = (validate.errors ?? [])
    .map((e) => `${e.instancePath || '/'} ${e.message}`)
    .slice(0, 5);
  return `${where}: ${errors.join('; ')}`;
}
