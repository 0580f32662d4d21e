import type { FlowContent, FlowStepDefinition, FlowTargeting } from '@groupkit/client';
import { GroupsEngineError } from './errors';
import { requireUserGroup } from './lookup';
import type { EngineState } from './state';
import {
  expectObject,
  expectOneOf,
  expectString,
  expectStringArray,
  optionalString,
  rejectUnknown,
} from './validate';

/** Limits of a flow: enough for any onboarding, small enough to ship in one answer. */
export const FLOW_LIMITS = { steps: 20, groups: 50, title: 100, body: 2000, label: 50 } as const;

const ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const ID_HINT =
  'must be 1 to 63 lower-case letters, digits, _ or -, starting with a letter or digit.';
const STEP_TYPES = ['welcome', 'choose_groups', 'enter_code', 'content', 'done'] as const;

/** A flow or step id (the URL's `{flowId}`, a progress record's `step`). */
export function parseFlowId(value: unknown, field = 'id'): string {
  return expectString(value, field, { max: 63, pattern: ID, hint: ID_HINT });
}

/** Group slugs that must exist: a flow cannot offer, or target, a group that is not there. */
function groupSlugs(state: EngineState, value: unknown, field: string): string[] {
  const slugs = expectStringArray(value, field, { max: FLOW_LIMITS.groups });
  return slugs.map((ref, i) => {
    try {
      return requireUserGroup(state, ref).slug;
    } catch {
      throw new GroupsEngineError('validation_failed', `${field}[${i}]: no user group "${ref}".`, {
        field: `${field}[${i}]`,
      });
    }
  });
}

/** `https:` URLs and app paths only: a `javascript:` link in a step would run in the app. */
function parseHref(value: unknown, field: string): string {
  const href = expectString(value, field, { max: 2000 });
  if (href.startsWith('/') && !href.startsWith('//')) return href;
  try {
    if (new URL(href).protocol === 'https:') return href;
  } catch {
    // not a URL: refused below
  }
  throw new GroupsEngineError(
    'validation_failed',
    `${field}: must be an https: URL or a path on the app starting with "/".`,
    { field },
  );
}

function parseStep(state: EngineState, value: unknown, field: string): FlowStepDefinition {
  const step = expectObject(value, field);
  const type = expectOneOf(step.type, `${field}.type`, STEP_TYPES);
  const id = parseFlowId(step.id, `${field}.id`);
  const title = (required: boolean) =>
    required
      ? expectString(step.title, `${field}.title`, { max: FLOW_LIMITS.title })
      : optionalString(step.title, `${field}.title`, { max: FLOW_LIMITS.title });
  const withTitle = (required = false) => {
    const text = title(required);
    return text === undefined ? {} : { title: text };
  };
  switch (type) {
    case 'welcome': {
      rejectUnknown(step, ['id', 'type', 'title', 'body'], field);
      const body = optionalString(step.body, `${field}.body`, { max: FLOW_LIMITS.body });
      return { id, type, ...withTitle(), ...(body === undefined ? {} : { body }) };
    }
    case 'choose_groups': {
      rejectUnknown(step, ['id', 'type', 'title', 'groups'], field);
      const groups = groupSlugs(state, step.groups, `${field}.groups`);
      if (groups.length === 0) {
        throw new GroupsEngineError(
          'validation_failed',
          `${field}.groups: name at least one group.`,
          {
            field: `${field}.groups`,
          },
        );
      }
      return { id, type, ...withTitle(), groups };
    }
    case 'enter_code': {
      rejectUnknown(step, ['id', 'type', 'title', 'group'], field);
      const [group] = groupSlugs(state, [step.group], `${field}.group`);
      return { id, type, ...withTitle(), group: group as string };
    }
    case 'content': {
      rejectUnknown(step, ['id', 'type', 'title', 'body', 'cta'], field);
      const body = expectString(step.body, `${field}.body`, { max: FLOW_LIMITS.body });
      if (step.cta === undefined) return { id, type, title: title(true) as string, body };
      const cta = expectObject(step.cta, `${field}.cta`);
      rejectUnknown(cta, ['label', 'href'], `${field}.cta`);
      return {
        id,
        type,
        title: title(true) as string,
        body,
        cta: {
          label: expectString(cta.label, `${field}.cta.label`, { max: FLOW_LIMITS.label }),
          href: parseHref(cta.href, `${field}.cta.href`),
        },
      };
    }
    case 'done':
      rejectUnknown(step, ['id', 'type', 'title'], field);
      return { id, type, ...withTitle() };
  }
}

/** Steps in order: 1 to 20, ids unique, a `done` step only last. */
export function parseSteps(state: EngineState, value: unknown): FlowStepDefinition[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > FLOW_LIMITS.steps) {
    throw new GroupsEngineError(
      'validation_failed',
      `steps: must be an array of 1 to ${FLOW_LIMITS.steps} steps.`,
      { field: 'steps' },
    );
  }
  const steps = value.map((step, i) => parseStep(state, step, `steps[${i}]`));
  const seen = new Set<string>();
  steps.forEach((step, i) => {
    if (seen.has(step.id)) {
      throw new GroupsEngineError(
        'validation_failed',
        `steps[${i}].id: "${step.id}" is used twice.`,
        {
          field: `steps[${i}].id`,
        },
      );
    }
    seen.add(step.id);
    if (step.type === 'done' && i !== steps.length - 1) {
      throw new GroupsEngineError(
        'validation_failed',
        `steps[${i}]: a done step must be the last.`,
        {
          field: `steps[${i}].type`,
        },
      );
    }
  });
  return steps;
}

export function parseTargeting(state: EngineState, value: unknown): FlowTargeting {
  if (value === undefined) return { include: [], exclude: [] };
  const targeting = expectObject(value, 'targeting');
  rejectUnknown(targeting, ['include', 'exclude'], 'targeting');
  return {
    include: groupSlugs(state, targeting.include ?? [], 'targeting.include'),
    exclude: groupSlugs(state, targeting.exclude ?? [], 'targeting.exclude'),
  };
}

/** `POST /v1/flows`: an id and a complete draft. */
export function parseNewFlow(state: EngineState, body: unknown): { id: string } & FlowContent {
  const input = expectObject(body, 'body');
  rejectUnknown(input, ['id', 'name', 'steps', 'targeting']);
  return {
    id: parseFlowId(input.id),
    name: expectString(input.name, 'name', { max: 100 }),
    steps: parseSteps(state, input.steps),
    targeting: parseTargeting(state, input.targeting),
  };
}

/** `PUT /v1/flows/{flowId}`: the draft fields to change. */
export function parseDraftChanges(state: EngineState, body: unknown): Partial<FlowContent> {
  const input = expectObject(body, 'body');
  rejectUnknown(input, ['name', 'steps', 'targeting']);
  return {
    ...(input.name === undefined ? {} : { name: expectString(input.name, 'name', { max: 100 }) }),
    ...(input.steps === undefined ? {} : { steps: parseSteps(state, input.steps) }),
    ...(input.targeting === undefined ? {} : { targeting: parseTargeting(state, input.targeting) }),
  };
}
