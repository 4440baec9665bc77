CREATE TABLE "raid_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source_type" text NOT NULL,
	"source_id" uuid NOT NULL,
	"project_id" uuid,
	"program_id" uuid,
	"title" text NOT NULL,
	"owner_id" uuid,
	"due_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"done_on" date,
	CONSTRAINT "raid_actions_source_check" CHECK ("raid_actions"."source_type" in ('risk', 'issue', 'decision', 'change_request')),
	CONSTRAINT "raid_actions_status_check" CHECK ("raid_actions"."status" in ('open', 'done', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "raid_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"justification" text DEFAULT '' NOT NULL,
	"scope_impact" text DEFAULT '' NOT NULL,
	"risk_impact" text DEFAULT '' NOT NULL,
	"task_changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"budget_changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"risk_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cost_impact_cents" bigint DEFAULT 0 NOT NULL,
	"schedule_impact_days" integer DEFAULT 0 NOT NULL,
	"requested_by_id" uuid,
	"status" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by_name" text,
	"decision_comment" text DEFAULT '' NOT NULL,
	"decision_id" uuid,
	"applied" boolean DEFAULT false NOT NULL,
	CONSTRAINT "raid_change_requests_status_check" CHECK ("raid_change_requests"."status" in ('draft', 'submitted', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "raid_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"decision" text DEFAULT '' NOT NULL,
	"alternatives" text DEFAULT '' NOT NULL,
	"decided_by_id" uuid,
	"forum" text DEFAULT '' NOT NULL,
	"decided_on" date NOT NULL,
	"status" text NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"change_request_id" uuid,
	CONSTRAINT "raid_decisions_status_check" CHECK ("raid_decisions"."status" in ('proposed', 'decided', 'superseded'))
);
--> statement-breakpoint
CREATE TABLE "raid_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"impact" text DEFAULT '' NOT NULL,
	"owner_id" uuid,
	"priority" text NOT NULL,
	"status" text NOT NULL,
	"raised_on" date NOT NULL,
	"due_date" date,
	"resolution" text DEFAULT '' NOT NULL,
	"resolved_on" date,
	"risk_id" uuid,
	CONSTRAINT "raid_issues_priority_check" CHECK ("raid_issues"."priority" in ('low', 'medium', 'high', 'critical')),
	CONSTRAINT "raid_issues_status_check" CHECK ("raid_issues"."status" in ('open', 'in_progress', 'resolved', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "raid_actions" ADD CONSTRAINT "raid_actions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raid_actions" ADD CONSTRAINT "raid_actions_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raid_actions" ADD CONSTRAINT "raid_actions_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raid_change_requests" ADD CONSTRAINT "raid_change_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raid_change_requests" ADD CONSTRAINT "raid_change_requests_requested_by_id_people_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raid_change_requests" ADD CONSTRAINT "raid_change_requests_decision_id_raid_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."raid_decisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raid_decisions" ADD CONSTRAINT "raid_decisions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raid_decisions" ADD CONSTRAINT "raid_decisions_decided_by_id_people_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raid_issues" ADD CONSTRAINT "raid_issues_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raid_issues" ADD CONSTRAINT "raid_issues_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raid_issues" ADD CONSTRAINT "raid_issues_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "raid_actions_source_idx" ON "raid_actions" USING btree ("source_type","source_id");--> statement-breakpoint
CREATE INDEX "raid_actions_owner_idx" ON "raid_actions" USING btree ("owner_id","status","due_date");--> statement-breakpoint
CREATE INDEX "raid_actions_due_idx" ON "raid_actions" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "raid_actions_project_idx" ON "raid_actions" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "raid_change_requests_number_key" ON "raid_change_requests" USING btree ("project_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "raid_decisions_number_key" ON "raid_decisions" USING btree ("project_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "raid_issues_number_key" ON "raid_issues" USING btree ("project_id","number");--> statement-breakpoint
CREATE INDEX "raid_issues_owner_idx" ON "raid_issues" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "risks_top_idx" ON "risks" USING btree ("score" desc nulls last,"id");--> statement-breakpoint
CREATE INDEX "risks_residual_cell_idx" ON "risks" USING btree (coalesce("residual_probability", "probability"),coalesce("residual_impact", "impact"));