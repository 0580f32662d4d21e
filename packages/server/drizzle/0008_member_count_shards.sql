-- Member counts move in shards: a write adds its delta to one of 16 rows per group instead of
-- updating the group's row, so writers of a popular group no longer queue on one row lock
-- held until their COMMIT is on disk. A group's count is member_count plus its shards.
CREATE TABLE "member_count_shards" (
	"project_id" text NOT NULL,
	"group_id" text NOT NULL,
	"shard" integer NOT NULL,
	"delta" integer NOT NULL,
	CONSTRAINT "member_count_shards_pkey" PRIMARY KEY("project_id","group_id","shard")
);
--> statement-breakpoint
ALTER TABLE "member_count_shards" ADD CONSTRAINT "member_count_shards_group_fkey" FOREIGN KEY ("project_id","group_id") REFERENCES "public"."user_groups"("project_id","id") ON DELETE cascade ON UPDATE no action;