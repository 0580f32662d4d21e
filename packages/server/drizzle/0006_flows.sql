CREATE TABLE "flow_progress" (
	"project_id" text NOT NULL,
	"user_id" text NOT NULL,
	"flow_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "flow_progress_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	CONSTRAINT "flow_progress_pkey" PRIMARY KEY("project_id","user_id","flow_id")
);
--> statement-breakpoint
CREATE TABLE "flows" (
	"project_id" text NOT NULL,
	"id" text NOT NULL,
	"data" jsonb NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "flows_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	CONSTRAINT "flows_pkey" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
ALTER TABLE "flow_progress" ADD CONSTRAINT "flow_progress_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_progress" ADD CONSTRAINT "flow_progress_flow_fkey" FOREIGN KEY ("project_id","flow_id") REFERENCES "public"."flows"("project_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flows" ADD CONSTRAINT "flows_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "flow_progress_flow_idx" ON "flow_progress" USING btree ("project_id","flow_id","seq");