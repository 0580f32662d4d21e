import type { FlowContent, FlowStepDefinition, UpdateFlowDraftParams } from '@groupkit/client';

export type FlowStepKind = FlowStepDefinition['type'];

/** The server's step limit (`FLOW_LIMITS.steps`), so the editor stops adding before it refuses. */
export const MAX_STEPS = 20;

/** Each kind in the words the editor uses, in the order the "Add a step" menu lists them. */
export const STEP_KINDS: readonly { kind: FlowStepKind; label: string }[] = [
  { kind: 'welcome', label: 'Welcome' },
  { kind: 'content', label: 'Content' },
  { kind: 'choose_groups', label: 'Choose groups' },
  { kind: 'enter_code', label: 'Enter a code' },
  { kind: 'done', label: 'Done' },
];

export const kindLabel = (kind: FlowStepKind) =>
  STEP_KINDS.find((k) => k.kind === kind)?.label ?? kind;

/**
 * One step as the form edits it: every kind's fields as text, so nothing is lost while it
 * is edited. `key` stays with the step when it moves, so React and focus follow it.
 */
export interface StepDraft {
  key: number;
  id: string;
  kind: FlowStepKind;
  title: string;
  body: string;
  /** choose_groups: the slugs offered. */
  groups: string[];
  /** enter_code: the slug a code joins. */
  group: string;
  ctaLabel: string;
  ctaHref: string;
}

export interface FlowForm {
  name: string;
  steps: StepDraft[];
  include: string[];
  exclude: string[];
}

function stepDraft(step: FlowStepDefinition, key: number): StepDraft {
  return {
    key,
    id: step.id,
    kind: step.type,
    title: step.title ?? '',
    body: 'body' in step ? (step.body ?? '') : '',
    groups: step.type === 'choose_groups' ? [...step.groups] : [],
    group: step.type === 'enter_code' ? step.group : '',
    ctaLabel: step.type === 'content' ? (step.cta?.label ?? '') : '',
    ctaHref: step.type === 'content' ? (step.cta?.href ?? '') : '',
  };
}

/**
 * The form for a saved draft. `keys` are the keys the steps had when they were sent: the
 * saved steps come back in the same order, so each keeps its key (and its focus).
 */
export function fromContent(content: FlowContent, keys: readonly number[] = []): FlowForm {
  return {
    name: content.name,
    steps: content.steps.map((step, i) => stepDraft(step, keys[i] ?? i + 1)),
    include: [...content.targeting.include],
    exclude: [...content.targeting.exclude],
  };
}

/** A new flow's first steps: a welcome and a done step, to fill in between. */
export function newFlowForm(): FlowForm {
  const welcome = newStep([], 'welcome');
  return { name: '', steps: [welcome, newStep([welcome], 'done')], include: [], exclude: [] };
}

/** What an optional text sends: nothing when blank, so the API stores no empty title. */
const optional = (name: 'title' | 'body', text: string) =>
  text.trim() === '' ? {} : { [name]: text.trim() };

/**
 * A step as the API takes it. Required text is sent even when blank, so the API's 422 names
 * the field and the editor shows it there; a call to action is sent once either half is set.
 */
export function toStep(step: StepDraft): FlowStepDefinition {
  const id = step.id.trim();
  switch (step.kind) {
    case 'welcome':
      return {
        id,
        type: 'welcome',
        ...optional('title', step.title),
        ...optional('body', step.body),
      };
    case 'choose_groups':
      return { id, type: 'choose_groups', ...optional('title', step.title), groups: step.groups };
    case 'enter_code':
      return { id, type: 'enter_code', ...optional('title', step.title), group: step.group };
    case 'content': {
      const cta = step.ctaLabel.trim() !== '' || step.ctaHref.trim() !== '';
      return {
        id,
        type: 'content',
        title: step.title.trim(),
        body: step.body.trim(),
        ...(cta ? { cta: { label: step.ctaLabel.trim(), href: step.ctaHref.trim() } } : {}),
      };
    }
    case 'done':
      return { id, type: 'done', ...optional('title', step.title) };
  }
}

/** `PUT /v1/flows/{flowId}`: the whole draft (name, steps, targeting). */
export function toDraftUpdate(form: FlowForm): Required<UpdateFlowDraftParams> {
  return {
    name: form.name.trim(),
    steps: form.steps.map(toStep),
    targeting: { include: form.include, exclude: form.exclude },
  };
}

/** Whether the form says something other than the saved draft (what "Unsaved changes" means). */
export function differsFrom(form: FlowForm, saved: FlowContent): boolean {
  return JSON.stringify(toDraftUpdate(form)) !== JSON.stringify(toDraftUpdate(fromContent(saved)));
}

/** JSON with every object's keys sorted: two stores may keep the same content in another order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Whether two flow contents (a draft, a version) show users the same thing. */
export function sameContent(a: FlowContent, b: FlowContent): boolean {
  return (
    canonical({ name: a.name, steps: a.steps, targeting: a.targeting }) ===
    canonical({ name: b.name, steps: b.steps, targeting: b.targeting })
  );
}

/** A step of `kind` with an id no other step has: the kind's name, then `-2`, `-3`… */
export function newStep(steps: readonly StepDraft[], kind: FlowStepKind): StepDraft {
  const base = kind.replace('_', '-');
  const taken = new Set(steps.map((s) => s.id));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  const key = Math.max(0, ...steps.map((s) => s.key)) + 1;
  return stepDraft(
    kind === 'choose_groups'
      ? { id, type: kind, groups: [] }
      : kind === 'enter_code'
        ? { id, type: kind, group: '' }
        : kind === 'content'
          ? { id, type: kind, title: '', body: '' }
          : { id, type: kind },
    key,
  );
}

/**
 * Where a new step goes: at the end, or before a closing done step (a done step must be
 * last, so anything added after it would be refused).
 */
export function insertAt(steps: readonly StepDraft[], kind: FlowStepKind): number {
  return kind !== 'done' && steps.at(-1)?.kind === 'done' ? steps.length - 1 : steps.length;
}

/** The steps with the one at `from` moved to `to`. */
export function moveStep(steps: readonly StepDraft[], from: number, to: number): StepDraft[] {
  const next = [...steps];
  const [moved] = next.splice(from, 1);
  if (moved) next.splice(to, 0, moved);
  return next;
}

/** Whether the API's `field` (`groups[1]`, `cta.href`) is under `name` (`groups`, `cta`). */
export const isUnder = (field: string, name: string) =>
  field === name || field.startsWith(`${name}[`) || field.startsWith(`${name}.`);

/** Where an API error belongs: a step (by key) and its field, or a field of the flow. */
export type ErrorPlace = { stepKey: number; field: string } | { field: string } | null;

/**
 * `details.field` as sent for `keys` (the steps' keys at the time of the request): `steps[2].cta.href`
 * belongs to the third step sent, even if it has moved since.
 */
export function errorPlace(field: string | undefined, keys: readonly number[]): ErrorPlace {
  if (field === undefined) return null;
  const match = /^steps\[(\d+)\]\.?(.*)$/.exec(field);
  if (!match) return { field };
  const stepKey = keys[Number(match[1])];
  return stepKey === undefined ? { field: 'steps' } : { stepKey, field: match[2] ?? '' };
}
