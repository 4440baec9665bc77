CREATE TABLE "finance_line_budgets" (
	"line_id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"budget" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finance_line_months" (
	"line_key" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"month" date NOT NULL,
	"actual" bigint NOT NULL,
	"actual_to_date" bigint NOT NULL,
	CONSTRAINT "finance_line_months_line_key_month_pk" PRIMARY KEY("line_key","month")
);
--> statement-breakpoint
CREATE TABLE "gov_corrective_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finding_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner_id" uuid,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'todo' NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "gov_corrective_actions_status_check" CHECK ("gov_corrective_actions"."status" in ('todo', 'in_progress', 'done'))
);
--> statement-breakpoint
CREATE TABLE "gov_quality_audits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"checklist_id" uuid,
	"checklist_name" text NOT NULL,
	"auditor_id" uuid,
	"planned_date" date NOT NULL,
	"completed_on" date,
	"items" jsonb NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	CONSTRAINT "gov_quality_audits_kind_check" CHECK ("gov_quality_audits"."kind" in ('audit', 'review'))
);
--> statement-breakpoint
CREATE TABLE "gov_quality_checklists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"items" jsonb NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	CONSTRAINT "gov_quality_checklists_name_key" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "gov_quality_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"audit_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"item_key" text,
	"description" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "gov_quality_findings_severity_check" CHECK ("gov_quality_findings"."severity" in ('minor', 'major', 'critical')),
	CONSTRAINT "gov_quality_findings_status_check" CHECK ("gov_quality_findings"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "copil_packs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope_type" text NOT NULL,
	"scope_id" uuid NOT NULL,
	"scope_name" text NOT NULL,
	"as_of" date NOT NULL,
	"format" text NOT NULL,
	"language" text NOT NULL,
	"template_id" uuid,
	"template_name" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"error" text,
	"project_count" integer,
	"file_name" text,
	"size" integer,
	"content" "bytea",
	"duration_ms" integer,
	"requested_by" uuid,
	"requested_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "copil_packs_scope_check" CHECK ("copil_packs"."scope_type" in ('portfolio', 'program', 'project')),
	CONSTRAINT "copil_packs_format_check" CHECK ("copil_packs"."format" in ('pdf', 'pptx', 'docx')),
	CONSTRAINT "copil_packs_language_check" CHECK ("copil_packs"."language" in ('fr', 'en')),
	CONSTRAINT "copil_packs_state_check" CHECK ("copil_packs"."state" in ('queued', 'running', 'done', 'failed')),
	CONSTRAINT "copil_packs_progress_check" CHECK ("copil_packs"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "copil_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"subtitle" text DEFAULT '' NOT NULL,
	"sections" jsonb NOT NULL,
	"accent_color" text DEFAULT '#1C5D99' NOT NULL,
	"footer" text DEFAULT '' NOT NULL,
	"confidentiality" text DEFAULT '' NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	CONSTRAINT "copil_templates_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "report_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"run_on" date NOT NULL,
	"recipient" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"file_name" text,
	"message_id" text,
	"next_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_deliveries_state" CHECK ("report_deliveries"."state" in ('sent', 'retrying', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "report_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recipient_user_id" uuid,
	"recipient_email" text,
	"content" text NOT NULL,
	"scope_type" text NOT NULL,
	"scope_id" uuid NOT NULL,
	"template_id" uuid,
	"format" text NOT NULL,
	"language" text NOT NULL,
	"frequency" text NOT NULL,
	"day" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"next_run_on" date NOT NULL,
	"last_run_on" date,
	"created_by" uuid,
	CONSTRAINT "report_subscriptions_recipient" CHECK (("report_subscriptions"."recipient_user_id" is null) <> ("report_subscriptions"."recipient_email" is null)),
	CONSTRAINT "report_subscriptions_content" CHECK ("report_subscriptions"."content" in ('copil_pack', 'portfolio_status')),
	CONSTRAINT "report_subscriptions_frequency" CHECK ("report_subscriptions"."frequency" in ('weekly', 'monthly')),
	CONSTRAINT "report_subscriptions_format" CHECK ("report_subscriptions"."format" in ('pdf', 'pptx', 'docx', 'xlsx', 'csv'))
);
--> statement-breakpoint
CREATE TABLE "smtp_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"host" text NOT NULL,
	"port" integer NOT NULL,
	"secure" boolean DEFAULT false NOT NULL,
	"username" text DEFAULT '' NOT NULL,
	"password" text DEFAULT '' NOT NULL,
	"from_address" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "smtp_settings_single" CHECK ("smtp_settings"."id" = 1),
	CONSTRAINT "smtp_settings_port" CHECK ("smtp_settings"."port" between 1 and 65535)
);
--> statement-breakpoint
CREATE TABLE "person_skills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"person_id" uuid NOT NULL,
	"skill_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"assessed_on" date NOT NULL,
	"source" text NOT NULL,
	"certification" text DEFAULT '' NOT NULL,
	"expires_on" date,
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "person_skills_level_check" CHECK ("person_skills"."level" between 1 and 5),
	CONSTRAINT "person_skills_source_check" CHECK ("person_skills"."source" in ('self', 'manager', 'certification', 'training')),
	CONSTRAINT "person_skills_expiry_check" CHECK ("person_skills"."expires_on" is null or "person_skills"."expires_on" >= "person_skills"."assessed_on")
);
--> statement-breakpoint
CREATE TABLE "skill_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skill_levels" (
	"level" integer PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "skill_levels_level_check" CHECK ("skill_levels"."level" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"category_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_request_allocations" (
	"request_id" uuid NOT NULL,
	"allocation_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"role_id" uuid,
	"person_id" uuid,
	"skills" jsonb NOT NULL,
	"start" date NOT NULL,
	"finish" date NOT NULL,
	"unit" text NOT NULL,
	"amount" double precision NOT NULL,
	"priority" text DEFAULT 'medium' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"answer" text DEFAULT '' NOT NULL,
	"requested_by" uuid,
	CONSTRAINT "resource_requests_period_check" CHECK ("resource_requests"."finish" >= "resource_requests"."start"),
	CONSTRAINT "resource_requests_unit_check" CHECK ("resource_requests"."unit" in ('hours', 'fte')),
	CONSTRAINT "resource_requests_amount_check" CHECK ("resource_requests"."amount" > 0),
	CONSTRAINT "resource_requests_priority_check" CHECK ("resource_requests"."priority" in ('low', 'medium', 'high', 'critical')),
	CONSTRAINT "resource_requests_status_check" CHECK ("resource_requests"."status" in ('draft', 'submitted', 'partially_staffed', 'staffed', 'rejected', 'cancelled'))
);
--> statement-breakpoint
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
CREATE TABLE "strategy_contributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"objective_id" uuid NOT NULL,
	"project_id" uuid,
	"request_id" uuid,
	"level" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "strategy_contributions_level_check" CHECK ("strategy_contributions"."level" between 1 and 3),
	CONSTRAINT "strategy_contributions_item_check" CHECK (("strategy_contributions"."project_id" is null) <> ("strategy_contributions"."request_id" is null))
);
--> statement-breakpoint
CREATE TABLE "strategy_objectives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"owner_id" uuid,
	"horizon" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "strategy_objectives_kind_check" CHECK ("strategy_objectives"."kind" in ('axis', 'objective')),
	CONSTRAINT "strategy_objectives_parent_check" CHECK (("strategy_objectives"."kind" = 'axis') = ("strategy_objectives"."parent_id" is null)),
	CONSTRAINT "strategy_objectives_weight_check" CHECK ("strategy_objectives"."weight" between 0 and 100),
	CONSTRAINT "strategy_objectives_horizon_check" CHECK ("strategy_objectives"."horizon" is null or "strategy_objectives"."horizon" between 2000 and 2100)
);
--> statement-breakpoint
ALTER TABLE "finance_line_budgets" ADD CONSTRAINT "finance_line_budgets_line_id_budget_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."budget_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_line_budgets" ADD CONSTRAINT "finance_line_budgets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_line_months" ADD CONSTRAINT "finance_line_months_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_corrective_actions" ADD CONSTRAINT "gov_corrective_actions_finding_id_gov_quality_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."gov_quality_findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_corrective_actions" ADD CONSTRAINT "gov_corrective_actions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_corrective_actions" ADD CONSTRAINT "gov_corrective_actions_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_quality_audits" ADD CONSTRAINT "gov_quality_audits_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_quality_audits" ADD CONSTRAINT "gov_quality_audits_checklist_id_gov_quality_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."gov_quality_checklists"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_quality_audits" ADD CONSTRAINT "gov_quality_audits_auditor_id_people_id_fk" FOREIGN KEY ("auditor_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_quality_findings" ADD CONSTRAINT "gov_quality_findings_audit_id_gov_quality_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."gov_quality_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_quality_findings" ADD CONSTRAINT "gov_quality_findings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copil_packs" ADD CONSTRAINT "copil_packs_template_id_copil_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."copil_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copil_packs" ADD CONSTRAINT "copil_packs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_deliveries" ADD CONSTRAINT "report_deliveries_subscription_id_report_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."report_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_template_id_copil_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."copil_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_skills" ADD CONSTRAINT "person_skills_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_skills" ADD CONSTRAINT "person_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills" ADD CONSTRAINT "skills_category_id_skill_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."skill_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_request_allocations" ADD CONSTRAINT "resource_request_allocations_request_id_resource_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."resource_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_request_allocations" ADD CONSTRAINT "resource_request_allocations_allocation_id_resource_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."resource_allocations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_requests" ADD CONSTRAINT "resource_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_requests" ADD CONSTRAINT "resource_requests_role_id_resource_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."resource_roles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_requests" ADD CONSTRAINT "resource_requests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_requests" ADD CONSTRAINT "resource_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
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
ALTER TABLE "strategy_contributions" ADD CONSTRAINT "strategy_contributions_objective_id_strategy_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."strategy_objectives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_contributions" ADD CONSTRAINT "strategy_contributions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_contributions" ADD CONSTRAINT "strategy_contributions_request_id_strategy_project_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."strategy_project_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_objectives" ADD CONSTRAINT "strategy_objectives_parent_id_strategy_objectives_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."strategy_objectives"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_objectives" ADD CONSTRAINT "strategy_objectives_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "finance_line_budgets_project_idx" ON "finance_line_budgets" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "finance_line_months_project_idx" ON "finance_line_months" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "gov_corrective_actions_finding_idx" ON "gov_corrective_actions" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "gov_corrective_actions_due_idx" ON "gov_corrective_actions" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "gov_quality_audits_project_idx" ON "gov_quality_audits" USING btree ("project_id","planned_date");--> statement-breakpoint
CREATE INDEX "gov_quality_findings_audit_idx" ON "gov_quality_findings" USING btree ("audit_id");--> statement-breakpoint
CREATE INDEX "gov_quality_findings_status_idx" ON "gov_quality_findings" USING btree ("status","project_id");--> statement-breakpoint
CREATE INDEX "copil_packs_created_idx" ON "copil_packs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "report_deliveries_sub_idx" ON "report_deliveries" USING btree ("subscription_id","created_at");--> statement-breakpoint
CREATE INDEX "report_deliveries_retry_idx" ON "report_deliveries" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "report_subscriptions_due_idx" ON "report_subscriptions" USING btree ("active","next_run_on");--> statement-breakpoint
CREATE UNIQUE INDEX "person_skills_person_skill_key" ON "person_skills" USING btree ("person_id","skill_id");--> statement-breakpoint
CREATE INDEX "person_skills_skill_idx" ON "person_skills" USING btree ("skill_id","level");--> statement-breakpoint
CREATE UNIQUE INDEX "skill_categories_code_key" ON "skill_categories" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "skills_code_key" ON "skills" USING btree ("code");--> statement-breakpoint
CREATE INDEX "skills_category_idx" ON "skills" USING btree ("category_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_request_allocations_key" ON "resource_request_allocations" USING btree ("allocation_id");--> statement-breakpoint
CREATE INDEX "resource_request_allocations_request_idx" ON "resource_request_allocations" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "resource_requests_project_idx" ON "resource_requests" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "resource_requests_status_idx" ON "resource_requests" USING btree ("status","start");--> statement-breakpoint
CREATE INDEX "raid_actions_source_idx" ON "raid_actions" USING btree ("source_type","source_id");--> statement-breakpoint
CREATE INDEX "raid_actions_owner_idx" ON "raid_actions" USING btree ("owner_id","status","due_date");--> statement-breakpoint
CREATE INDEX "raid_actions_due_idx" ON "raid_actions" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "raid_actions_project_idx" ON "raid_actions" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "raid_change_requests_number_key" ON "raid_change_requests" USING btree ("project_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "raid_decisions_number_key" ON "raid_decisions" USING btree ("project_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "raid_issues_number_key" ON "raid_issues" USING btree ("project_id","number");--> statement-breakpoint
CREATE INDEX "raid_issues_owner_idx" ON "raid_issues" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_contributions_project_key" ON "strategy_contributions" USING btree ("objective_id","project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_contributions_request_key" ON "strategy_contributions" USING btree ("objective_id","request_id");--> statement-breakpoint
CREATE INDEX "strategy_contributions_project_idx" ON "strategy_contributions" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "strategy_contributions_request_idx" ON "strategy_contributions" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_objectives_code_key" ON "strategy_objectives" USING btree ("code");--> statement-breakpoint
CREATE INDEX "strategy_objectives_parent_idx" ON "strategy_objectives" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "actual_costs_date_idx" ON "actual_costs" USING btree ("date");--> statement-breakpoint
CREATE INDEX "actual_costs_labour_idx" ON "actual_costs" USING btree ("created_at") WHERE "actual_costs"."source" = 'labour';--> statement-breakpoint
CREATE INDEX "risks_top_idx" ON "risks" USING btree ("score" desc nulls last,"id");--> statement-breakpoint
CREATE INDEX "risks_residual_cell_idx" ON "risks" USING btree (coalesce("residual_probability", "probability"),coalesce("residual_impact", "impact"));