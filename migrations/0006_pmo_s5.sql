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
CREATE TABLE "risk_task_impacts" (
	"risk_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"days" double precision NOT NULL,
	CONSTRAINT "risk_task_impacts_risk_id_task_id_pk" PRIMARY KEY("risk_id","task_id"),
	CONSTRAINT "risk_task_impacts_days_check" CHECK ("risk_task_impacts"."days" > 0 and "risk_task_impacts"."days" <= 1000)
);
--> statement-breakpoint
ALTER TABLE "dash_project_snapshots" ADD COLUMN "capacity" jsonb;--> statement-breakpoint
ALTER TABLE "raid_actions" ADD COLUMN "task_id" uuid;--> statement-breakpoint
ALTER TABLE "raid_issues" ADD COLUMN "task_id" uuid;--> statement-breakpoint
ALTER TABLE "raid_issues" ADD COLUMN "program_id" uuid;--> statement-breakpoint
ALTER TABLE "raid_issues" ADD COLUMN "portfolio_id" uuid;--> statement-breakpoint
ALTER TABLE "raid_issues" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "raid_issues" ADD COLUMN "escalation_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD COLUMN "absence_id" uuid;--> statement-breakpoint
ALTER TABLE "gov_project_milestone_links" ADD CONSTRAINT "gov_project_milestone_links_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_milestone_links" ADD CONSTRAINT "gov_project_milestone_links_milestone_id_gov_standard_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."gov_standard_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_milestone_links" ADD CONSTRAINT "gov_project_milestone_links_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_task_impacts" ADD CONSTRAINT "risk_task_impacts_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_task_impacts" ADD CONSTRAINT "risk_task_impacts_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gov_project_milestone_links_task_idx" ON "gov_project_milestone_links" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "risk_task_impacts_task_idx" ON "risk_task_impacts" USING btree ("task_id");--> statement-breakpoint
ALTER TABLE "raid_actions" ADD CONSTRAINT "raid_actions_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raid_issues" ADD CONSTRAINT "raid_issues_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raid_issues" ADD CONSTRAINT "raid_issues_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raid_issues" ADD CONSTRAINT "raid_issues_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_absence_id_resource_absences_id_fk" FOREIGN KEY ("absence_id") REFERENCES "public"."resource_absences"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "raid_issues_program_idx" ON "raid_issues" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "raid_issues_portfolio_idx" ON "raid_issues" USING btree ("portfolio_id");--> statement-breakpoint
CREATE INDEX "raid_issues_task_idx" ON "raid_issues" USING btree ("task_id");