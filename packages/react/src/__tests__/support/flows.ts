import type { GroupsEngine } from '@groupkit/mock-api';

/** A server-defined flow with a step of every kind, as the contract tests define it. */
export const WELCOME = {
  id: 'welcome',
  name: 'Welcome',
  steps: [
    { id: 'hello', type: 'welcome', title: 'Hello', body: 'Glad you are here.' },
    { id: 'pick', type: 'choose_groups', groups: ['newsletter', 'beta'] },
    { id: 'code', type: 'enter_code', group: 'beta' },
    {
      id: 'docs',
      type: 'content',
      title: 'Read the docs',
      body: 'Everything in one place.',
      cta: { label: 'Open docs', href: '/docs' },
    },
    { id: 'done', type: 'done' },
  ],
} as const;

/** Creates `flow` in the engine and publishes it as version 1 (with `extra` more versions). */
export function publishFlow(
  engine: GroupsEngine,
  flow: Record<string, unknown> = WELCOME,
  extra = 0,
) {
  engine.createFlow(flow);
  engine.publishFlow(flow.id as string);
  for (let i = 0; i < extra; i++) engine.publishFlow(flow.id as string);
}
