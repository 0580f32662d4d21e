/**
 * The automation runs a set-based recalculation fires, in SQL: the engine's `repopulate`
 * fires a group's automations for every member who leaves and every user who comes, with
 * origin `rule`; the server never loads those users, so it finds them here.
 *
 * Each statement runs just before the membership statement it describes (the removals before
 * the delete, the additions before the insert), so it reads the members as they are then.
 * Memberships in other groups do not change during a recalculation, so `requireIn` /
 * `requireNotIn` on them read the state after it, as the engine does; the recalculated group
 * itself is decided by the event (a user just added is in it, one just removed is not).
 */
import type { AutomationEvent } from '@groupkit/client';
import type { AutomationRecord } from '@groupkit/mock-api/core';
import { type SQL, sql } from 'drizzle-orm';

/** SQL that holds when user `userId` (a column) satisfies `automation`'s conditions after `event`. */
function conditions(
  p: string,
  groupId: string,
  automation: AutomationRecord,
  event: AutomationEvent,
  userId: SQL,
): SQL {
  const memberOf = (id: string) =>
    id === groupId
      ? event === 'added_to'
        ? sql`true`
        : sql`false`
      : sql`exists (select 1 from memberships o where o.project_id = ${p} and o.user_id = ${userId} and o.group_id = ${id})`;
  const parts = [
    ...automation.trigger.requireIn.map(memberOf),
    ...automation.trigger.requireNotIn.map((id) => sql`not ${memberOf(id)}`),
  ];
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}

/**
 * One insert per automation of `event`: a run for each user `who` selects (a query giving
 * `user_id` and `seq`, in the order the engine would fire them).
 */
export function ruleRunStatements(
  p: string,
  groupId: string,
  at: string,
  automations: readonly AutomationRecord[],
  event: AutomationEvent,
  who: SQL,
): SQL[] {
  return automations
    .filter((a) => a.trigger.event === event)
    .map(
      (a) => sql`insert into automation_runs (project_id, id, user_id, data)
        select ${p}, r.id, r.user_id, jsonb_build_object('id', r.id, 'automationId', ${a.id}::text,
          'name', ${a.name}::text, 'at', ${at}::text, 'userId', r.user_id, 'groupId', ${groupId}::text,
          'event', ${event}::text, 'origin', 'rule')
        from (select gen_random_uuid()::text as id, w.user_id, w.seq from (${who}) w
          where ${conditions(p, groupId, a, event, sql`w.user_id`)}) r
        order by r.seq`,
    );
}
