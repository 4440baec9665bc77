CREATE TABLE "gov_milestone_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"milestone_id" uuid NOT NULL,
	"deliverable_id" uuid,
	"url" text,
	"note" text DEFAULT '' NOT NULL,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gov_milestone_evidence_kind_check" CHECK (("gov_milestone_evidence"."deliverable_id" is null) <> ("gov_milestone_evidence"."url" is null))
);
--> statement-breakpoint
CREATE TABLE "gov_plan_task_method_keys" (
	"task_id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"key" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gov_standard_milestones" ADD COLUMN "evidence_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "training_cost_postings" ADD COLUMN "review" text;--> statement-breakpoint
ALTER TABLE "strategy_portfolio_scenarios" ADD COLUMN "backlog" jsonb;--> statement-breakpoint
ALTER TABLE "strategy_project_requests" ADD COLUMN "effort_by_team" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "gov_milestone_evidence" ADD CONSTRAINT "gov_milestone_evidence_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_milestone_evidence" ADD CONSTRAINT "gov_milestone_evidence_milestone_id_gov_standard_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."gov_standard_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_milestone_evidence" ADD CONSTRAINT "gov_milestone_evidence_deliverable_id_gov_deliverables_id_fk" FOREIGN KEY ("deliverable_id") REFERENCES "public"."gov_deliverables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_plan_task_method_keys" ADD CONSTRAINT "gov_plan_task_method_keys_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_plan_task_method_keys" ADD CONSTRAINT "gov_plan_task_method_keys_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gov_milestone_evidence_project_idx" ON "gov_milestone_evidence" USING btree ("project_id","milestone_id");--> statement-breakpoint
CREATE INDEX "gov_milestone_evidence_deliverable_idx" ON "gov_milestone_evidence" USING btree ("deliverable_id");--> statement-breakpoint
CREATE INDEX "gov_plan_task_method_keys_project_idx" ON "gov_plan_task_method_keys" USING btree ("project_id");--> statement-breakpoint
ALTER TABLE "training_cost_postings" ADD CONSTRAINT "training_cost_postings_review_check" CHECK ("training_cost_postings"."review" is null or "training_cost_postings"."review" in ('participants_changed', 'session_cancelled'));--> statement-breakpoint
ALTER TABLE "strategy_project_requests" ADD CONSTRAINT "strategy_requests_effort_by_team_check" CHECK (jsonb_typeof("strategy_project_requests"."effort_by_team") = 'array');