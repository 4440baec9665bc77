CREATE TABLE "gov_project_milestone_links" (
	"project_id" uuid NOT NULL,
	"milestone_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"linked_by" text,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gov_project_milestone_links_project_id_milestone_id_pk" PRIMARY KEY("project_id","milestone_id")
);
--> statement-breakpoint
CREATE TABLE "gov_standard_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"definition" text DEFAULT '' NOT NULL,
	"definition_en" text DEFAULT '' NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "gov_standard_milestones_code_key" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "gov_project_milestone_links" ADD CONSTRAINT "gov_project_milestone_links_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_milestone_links" ADD CONSTRAINT "gov_project_milestone_links_milestone_id_gov_standard_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."gov_standard_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_milestone_links" ADD CONSTRAINT "gov_project_milestone_links_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gov_project_milestone_links_task_idx" ON "gov_project_milestone_links" USING btree ("task_id");