-- Automation runs name what fired them as user | code | admin | sync | rule; runs logged
-- before were membership_change (now user) or redeem_code (now code, without an opIndex: a
-- redemption is not an op of ordered changes). admin keeps its name.
UPDATE "automation_runs"
SET "data" = jsonb_set("data", '{origin}', '"user"')
WHERE "data"->>'origin' = 'membership_change';
--> statement-breakpoint
UPDATE "automation_runs"
SET "data" = jsonb_set("data", '{origin}', '"code"') - 'opIndex'
WHERE "data"->>'origin' = 'redeem_code';
