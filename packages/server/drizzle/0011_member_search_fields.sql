-- Every member order and the member search from the memberships alone: each membership also
-- carries its user's email and username (beside the names of migration 0010), copied by the
-- same triggers, so sorting a group by email or searching it never reads every member's user
-- row (16,669 members searched: about 240 ms with the user rows, 30 ms without, in psql).
ALTER TABLE "memberships" ADD COLUMN "email" text;
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "username" text;
--> statement-breakpoint
UPDATE "memberships" m SET "email" = u."data"->>'email', "username" = u."data"->>'username'
  FROM "users" u WHERE u."project_id" = m."project_id" AND u."id" = m."user_id";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "groupkit_membership_names"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."lastname" := NULL;
  NEW."firstname" := NULL;
  NEW."email" := NULL;
  NEW."username" := NULL;
  SELECT u."data"->>'lastname', u."data"->>'firstname', u."data"->>'email', u."data"->>'username'
    INTO NEW."lastname", NEW."firstname", NEW."email", NEW."username"
    FROM "users" u WHERE u."project_id" = NEW."project_id" AND u."id" = NEW."user_id";
  NEW."has_user" := FOUND;
  RETURN NEW;
END
$$;
--> statement-breakpoint
DROP TRIGGER "memberships_names_update" ON "memberships";
--> statement-breakpoint
CREATE TRIGGER "memberships_names_update" BEFORE UPDATE OF "user_id", "lastname", "firstname", "email", "username", "has_user" ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION "groupkit_membership_names"();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "groupkit_user_written"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "memberships" m SET "has_user" = true,
      "lastname" = n."data"->>'lastname', "firstname" = n."data"->>'firstname',
      "email" = n."data"->>'email', "username" = n."data"->>'username'
    FROM "groupkit_users" n
    WHERE m."project_id" = n."project_id" AND m."user_id" = n."id"
      AND (NOT m."has_user"
        OR m."lastname" IS DISTINCT FROM n."data"->>'lastname'
        OR m."firstname" IS DISTINCT FROM n."data"->>'firstname'
        OR m."email" IS DISTINCT FROM n."data"->>'email'
        OR m."username" IS DISTINCT FROM n."data"->>'username');
  RETURN NULL;
END
$$;
