-- A version of each project's user groups, so a process can keep the groups it loaded and
-- skip reading them again while they are unchanged: every request loads its project's groups
-- (the session's directory), and they change only by admin writes. Any insert, update or
-- delete of a `user_groups` row gives the project a new random version in the same
-- transaction, so a version read in a snapshot names exactly the groups of that snapshot.
-- Admin writes hold the project alone (advisory lock), so the update of the project row
-- never queues anyone else; end users' writes never touch `user_groups`.
ALTER TABLE "projects" ADD COLUMN "groups_version" uuid DEFAULT gen_random_uuid() NOT NULL;
--> statement-breakpoint
CREATE FUNCTION "groupkit_groups_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "projects" SET "groups_version" = gen_random_uuid()
    WHERE "id" IN (SELECT DISTINCT "project_id" FROM "changed");
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Per statement (a seed inserting a project's groups moves its version once), one trigger
-- per event: a transition table belongs to one event.
CREATE TRIGGER "user_groups_version_insert" AFTER INSERT ON "user_groups"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "groupkit_groups_version"();
--> statement-breakpoint
CREATE TRIGGER "user_groups_version_update" AFTER UPDATE ON "user_groups"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "groupkit_groups_version"();
--> statement-breakpoint
CREATE TRIGGER "user_groups_version_delete" AFTER DELETE ON "user_groups"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "groupkit_groups_version"();
