CREATE TABLE "account_groups" (
	"project_id" text NOT NULL,
	"id" text NOT NULL,
	"data" jsonb NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "account_groups_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	CONSTRAINT "account_groups_pkey" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"project_id" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_pkey" PRIMARY KEY("project_id","id"),
	CONSTRAINT "api_keys_kind_check" CHECK ("api_keys"."kind" in ('publishable', 'secret'))
);
--> statement-breakpoint
CREATE TABLE "automation_runs" (
	"project_id" text NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "automation_runs_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	CONSTRAINT "automation_runs_pkey" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
CREATE TABLE "automations" (
	"project_id" text NOT NULL,
	"id" text NOT NULL,
	"data" jsonb NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "automations_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	CONSTRAINT "automations_pkey" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
CREATE TABLE "code_redemptions" (
	"project_id" text NOT NULL,
	"code_id" text NOT NULL,
	"user_id" text NOT NULL,
	"at" text NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "code_redemptions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	CONSTRAINT "code_redemptions_pkey" PRIMARY KEY("project_id","code_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "codes" (
	"project_id" text NOT NULL,
	"normalized" text NOT NULL,
	"id" text NOT NULL,
	"group_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "codes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	CONSTRAINT "codes_pkey" PRIMARY KEY("project_id","normalized"),
	CONSTRAINT "codes_project_id_key" UNIQUE("project_id","id")
);
--> statement-breakpoint
CREATE TABLE "conditions_history" (
	"project_id" text NOT NULL,
	"group_id" text NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "conditions_history_pkey" PRIMARY KEY("project_id","group_id","version")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"project_id" text NOT NULL,
	"slot" text NOT NULL,
	"fingerprint" text NOT NULL,
	"expires_at" bigint NOT NULL,
	"response" jsonb NOT NULL,
	CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY("project_id","slot")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"project_id" text NOT NULL,
	"user_id" text NOT NULL,
	"group_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "memberships_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	CONSTRAINT "memberships_pkey" PRIMARY KEY("project_id","user_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" text PRIMARY KEY NOT NULL,
	"identity_verification" boolean DEFAULT false NOT NULL,
	"next_legacy_id" integer DEFAULT 1001 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "redeem_failures" (
	"project_id" text NOT NULL,
	"user_id" text NOT NULL,
	"times" jsonb NOT NULL,
	CONSTRAINT "redeem_failures_pkey" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "user_groups" (
	"project_id" text NOT NULL,
	"id" text NOT NULL,
	"slug" text NOT NULL,
	"legacy_id" integer NOT NULL,
	"data" jsonb NOT NULL,
	"member_count" integer DEFAULT 0 NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "user_groups_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	CONSTRAINT "user_groups_pkey" PRIMARY KEY("project_id","id"),
	CONSTRAINT "user_groups_project_slug_key" UNIQUE("project_id","slug"),
	CONSTRAINT "user_groups_project_legacy_id_key" UNIQUE("project_id","legacy_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"project_id" text NOT NULL,
	"id" text NOT NULL,
	"data" jsonb NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "users_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	CONSTRAINT "users_pkey" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
ALTER TABLE "account_groups" ADD CONSTRAINT "account_groups_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_runs" ADD CONSTRAINT "automation_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automations" ADD CONSTRAINT "automations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_redemptions" ADD CONSTRAINT "code_redemptions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codes" ADD CONSTRAINT "codes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conditions_history" ADD CONSTRAINT "conditions_history_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redeem_failures" ADD CONSTRAINT "redeem_failures_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_groups" ADD CONSTRAINT "user_groups_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_hash_idx" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "automation_runs_seq_idx" ON "automation_runs" USING btree ("project_id","seq");--> statement-breakpoint
CREATE INDEX "automation_runs_user_seq_idx" ON "automation_runs" USING btree ("project_id","user_id","seq");--> statement-breakpoint
CREATE INDEX "code_redemptions_code_seq_idx" ON "code_redemptions" USING btree ("project_id","code_id","seq");--> statement-breakpoint
CREATE INDEX "codes_group_idx" ON "codes" USING btree ("project_id","group_id");--> statement-breakpoint
CREATE INDEX "memberships_group_seq_idx" ON "memberships" USING btree ("project_id","group_id","seq");--> statement-breakpoint
CREATE INDEX "memberships_user_seq_idx" ON "memberships" USING btree ("project_id","user_id","seq");