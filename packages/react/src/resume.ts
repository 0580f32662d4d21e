import type { ChangeEnv } from './changeQueue';
import { resumePending } from './changeRunner';
import { resumeFlows } from './flowChanges';

/**
 * Sends every change a store restored from storage (memberships, account group, flow
 * progress), in their order. Loaded by the provider with `import()` only when its store
 * restored something, so a page whose store starts empty never downloads the senders, and a
 * page without any write hook still sends what an earlier page queued.
 */
// The default export: the provider's `import()` names no export, a few bytes less up front.
export default function resumeRestored(env: ChangeEnv) {
  resumePending(env);
  resumeFlows(env);
}
