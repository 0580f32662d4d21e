-- A code's redemptions counted on its row, moved with each redemption written: a redemption
-- reads the count (is the code used up?) and the caller's own rows (did this user redeem it
-- before?, by the new index) instead of every redemption of every code, which grew with a
-- popular shared code.
ALTER TABLE "codes" ADD COLUMN "redemption_count" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
UPDATE "codes" c SET "redemption_count" = (
  SELECT count(*) FROM "code_redemptions" r WHERE r."project_id" = c."project_id" AND r."code_id" = c."id"
);
--> statement-breakpoint
CREATE INDEX "code_redemptions_user_idx" ON "code_redemptions" USING btree ("project_id","user_id");
