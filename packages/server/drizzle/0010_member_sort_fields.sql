-- The default member order (last name, first name, id, then membership order) from an index
-- (`desc` scans it backward, then sorts only rows tied on every field by seq):
-- each membership carries whether its user exists and that user's last and first names,
-- copied from the user row and kept in step by triggers, so a page of a 10,000-member group
-- reads one page of index entries, and its count one group's entries, instead of every
-- member's user row and a sort of them all.
ALTER TABLE "memberships" ADD COLUMN "lastname" text;
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "firstname" text;
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "has_user" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
UPDATE "memberships" m SET "has_user" = true,
    "lastname" = u."data"->>'lastname', "firstname" = u."data"->>'firstname'
  FROM "users" u WHERE u."project_id" = m."project_id" AND u."id" = m."user_id";
--> statement-breakpoint
-- A membership written takes its member's names from the user row, whatever it was given:
-- the copies cannot drift from the users they copy. One exception, for speed: an INSERT that
-- gives has_user true brings its copies itself, read from the user row in the same statement
-- (a recalculation adding tens of thousands of members from `users`).
CREATE FUNCTION "groupkit_membership_names"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."lastname" := NULL;
  NEW."firstname" := NULL;
  SELECT u."data"->>'lastname', u."data"->>'firstname' INTO NEW."lastname", NEW."firstname"
    FROM "users" u WHERE u."project_id" = NEW."project_id" AND u."id" = NEW."user_id";
  NEW."has_user" := FOUND;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "memberships_names_insert" BEFORE INSERT ON "memberships"
  FOR EACH ROW WHEN (NOT NEW."has_user") EXECUTE FUNCTION "groupkit_membership_names"();
--> statement-breakpoint
CREATE TRIGGER "memberships_names_update" BEFORE UPDATE OF "user_id", "lastname", "firstname", "has_user" ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION "groupkit_membership_names"();
--> statement-breakpoint
-- Users written or deleted pass that on to their memberships: one statement per write, over
-- the rows it wrote (a seed's 100,000 users at once), touching only memberships whose copy
-- differs (the trigger above then reads the user row).
CREATE FUNCTION "groupkit_user_written"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "memberships" m SET "has_user" = true,
      "lastname" = n."data"->>'lastname', "firstname" = n."data"->>'firstname'
    FROM "groupkit_users" n
    WHERE m."project_id" = n."project_id" AND m."user_id" = n."id"
      AND (NOT m."has_user"
        OR m."lastname" IS DISTINCT FROM n."data"->>'lastname'
        OR m."firstname" IS DISTINCT FROM n."data"->>'firstname');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "groupkit_user_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "memberships" m SET "has_user" = false
    FROM "groupkit_users" o
    WHERE m."project_id" = o."project_id" AND m."user_id" = o."id" AND m."has_user";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "users_member_names_insert" AFTER INSERT ON "users"
  REFERENCING NEW TABLE AS "groupkit_users"
  FOR EACH STATEMENT EXECUTE FUNCTION "groupkit_user_written"();
--> statement-breakpoint
CREATE TRIGGER "users_member_names_update" AFTER UPDATE ON "users"
  REFERENCING NEW TABLE AS "groupkit_users"
  FOR EACH STATEMENT EXECUTE FUNCTION "groupkit_user_written"();
--> statement-breakpoint
CREATE TRIGGER "users_member_names_delete" AFTER DELETE ON "users"
  REFERENCING OLD TABLE AS "groupkit_users"
  FOR EACH STATEMENT EXECUTE FUNCTION "groupkit_user_deleted"();
--> statement-breakpoint
CREATE INDEX "memberships_lastname_idx" ON "memberships" USING btree ("project_id","group_id","lastname" collate groupkit_text,"firstname" collate groupkit_text,"user_id" collate groupkit_text,"seq") WHERE "memberships"."has_user";
