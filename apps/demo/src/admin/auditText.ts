import type { AuditEntry } from '@groupkit/client';
import { actorName } from './auditActor';

/** What each audited route did, in words; the route itself is shown beside it. */
const ACTIONS: Record<string, string> = {
  'POST /user-groups': 'Created a group',
  'PUT /user-groups/:id': 'Changed a group',
  'DELETE /user-groups/:id': 'Deleted a group',
  'POST /user-groups/:id/users': 'Added members',
  'DELETE /user-groups/:id/users': 'Removed members',
  'POST /user-groups/:idOrSlug/codes': 'Created codes',
  'PATCH /user-groups/:idOrSlug/codes/:codeId': 'Changed a code',
  'DELETE /user-groups/:idOrSlug/codes/:codeId': 'Deleted a code',
  'PUT /users/:userId': 'Saved a user',
  'DELETE /users/:userId': 'Deleted a user',
  'POST /users/:userId/membership-changes': 'Changed memberships',
  'POST /groups/identify': 'Identified an account group',
  'POST /automations': 'Created an automation',
  'PATCH /automations/:id': 'Changed an automation',
  'DELETE /automations/:id': 'Deleted an automation',
  'PATCH /project': 'Changed the project settings',
  'POST /operators': 'Added an operator',
  'PATCH /operators/:id': 'Changed an operator',
  'DELETE /operators/:id': 'Removed an operator',
  'POST /api-keys': 'Created an API key',
  'DELETE /api-keys/:id': 'Revoked an API key',
  'POST /users/:userId/redeem-code': 'Redeemed a code',
  'POST /flows': 'Created an onboarding flow',
  'PUT /flows/:flowId': 'Changed a flow draft',
  'DELETE /flows/:flowId': 'Deleted an onboarding flow',
  'POST /flows/:flowId/versions': 'Published a flow version',
  'POST /flows/:flowId/versions/:version/retire': 'Retired a flow version',
  'PUT /users/:userId/flows/:flowId': 'Saved flow progress',
  // The command line's (`{ type: 'cli' }`): the command, not a route.
  'groupkit-server admins create': 'Added an operator',
  'groupkit-server keys create': 'Created an API key',
};

export const actionLabel = (action: string) => ACTIONS[action] ?? action;

/** The target types the log filters by, with their names. */
export const TARGET_TYPES: [string, string][] = [
  ['user_group', 'user group'],
  ['user', 'user'],
  ['code', 'code'],
  ['automation', 'automation'],
  ['project', 'project'],
  ['operator', 'operator'],
  ['api_key', 'API key'],
  ['account_group', 'account group'],
  ['flow', 'onboarding flow'],
];

export const targetTypeLabel = (type: string) =>
  TARGET_TYPES.find(([value]) => value === type)?.[1] ?? type;

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

function personName(user: unknown): string | undefined {
  const name = [text(field(user, 'firstname')), text(field(user, 'lastname'))]
    .filter(Boolean)
    .join(' ');
  return name || text(field(user, 'id'));
}

/**
 * The target's name, read from the state the entry kept (before the change, else after it):
 * a group's name, an operator's email, a user's name, a code, an automation's name.
 */
export function targetName({ target, before, after }: AuditEntry): string | undefined {
  switch (target.type) {
    case 'user_group':
      return text(field(before, 'name')) ?? text(field(after, 'name'));
    case 'operator':
      return (
        text(field(before, 'email')) ??
        text(field(field(after, 'operator'), 'email')) ??
        text(field(after, 'email'))
      );
    case 'user':
      return personName(field(before, 'user')) ?? personName(field(after, 'user'));
    case 'code':
      return text(field(before, 'code')) ?? text(field(field(after, 'code'), 'code'));
    case 'automation':
    case 'flow':
      return text(field(before, 'name')) ?? text(field(after, 'name'));
    case 'api_key':
      // Its prefix (`pk_live_abcd`): the key itself is never in the log.
      return text(field(before, 'prefix')) ?? text(field(field(after, 'key'), 'prefix'));
    default:
      return undefined;
  }
}

/** The users a member change names (`user_ids` of its request), for the action column. */
export function usersOf({ request }: AuditEntry): string[] {
  const ids = field(request, 'user_ids');
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** An entry's actor in words: an operator's email, the API key's id, or "Command line". */
export function actorText(entry: AuditEntry): string {
  return actorName(entry.actor) ?? 'unknown';
}
