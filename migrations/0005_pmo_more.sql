CREATE TABLE "benefit_realisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"recorded_by_id" uuid,
	"recorded_by_name" text,
	CONSTRAINT "benefit_realisations_kind_check" CHECK ("benefit_realisations"."kind" in ('saving', 'revenue', 'avoided')),
	CONSTRAINT "benefit_realisations_amount_check" CHECK ("benefit_realisations"."amount" >= 0),
	CONSTRAINT "benefit_realisations_period_check" CHECK ("benefit_realisations"."period" ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$')
);
--> statement-breakpoint
CREATE TABLE "discount_rate_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"effective_from" date NOT NULL,
	"rate" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text
);
--> statement-breakpoint
CREATE TABLE "evm_thresholds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"portfolio_id" uuid,
	"spi_watch" integer NOT NULL,
	"spi_alert" integer NOT NULL,
	"cpi_watch" integer NOT NULL,
	"cpi_alert" integer NOT NULL,
	"vac_watch" integer NOT NULL,
	"vac_alert" integer NOT NULL,
	CONSTRAINT "evm_thresholds_spi_check" CHECK ("evm_thresholds"."spi_watch" >= "evm_thresholds"."spi_alert" and "evm_thresholds"."spi_alert" > 0),
	CONSTRAINT "evm_thresholds_cpi_check" CHECK ("evm_thresholds"."cpi_watch" >= "evm_thresholds"."cpi_alert" and "evm_thresholds"."cpi_alert" > 0),
	CONSTRAINT "evm_thresholds_vac_check" CHECK ("evm_thresholds"."vac_watch" >= "evm_thresholds"."vac_alert")
);
--> statement-breakpoint
CREATE TABLE "finance_forecasts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"period" date NOT NULL,
	"status" text NOT NULL,
	"etc_by_month" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"etc" bigint NOT NULL,
	"ac" bigint NOT NULL,
	"bac" bigint NOT NULL,
	"eac" bigint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"submitted_by_id" uuid,
	"submitted_by_name" text,
	"decided_at" timestamp with time zone,
	"decided_by_id" uuid,
	"decided_by_name" text,
	"decision_comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "finance_forecasts_status_check" CHECK ("finance_forecasts"."status" in ('submitted', 'approved', 'rejected')),
	CONSTRAINT "finance_forecasts_etc_check" CHECK ("finance_forecasts"."etc" >= 0)
);
--> statement-breakpoint
CREATE TABLE "gov_lessons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"phase_key" text,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"recommendation" text DEFAULT '' NOT NULL,
	"tags" jsonb NOT NULL,
	"author_id" uuid,
	"author_name" text,
	CONSTRAINT "gov_lessons_kind_check" CHECK ("gov_lessons"."kind" in ('worked', 'improve')),
	CONSTRAINT "gov_lessons_category_check" CHECK ("gov_lessons"."category" in ('planning', 'scope', 'budget', 'risk', 'quality', 'communication', 'governance', 'resources', 'supplier', 'technical'))
);
--> statement-breakpoint
CREATE TABLE "gov_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"owner_id" uuid,
	"latest_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "gov_policies_code_key" UNIQUE("code"),
	CONSTRAINT "gov_policies_category_check" CHECK ("gov_policies"."category" in ('governance', 'project', 'finance', 'risk', 'quality', 'security', 'hr'))
);
--> statement-breakpoint
CREATE TABLE "gov_policy_acknowledgements" (
	"version_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"user_name" text NOT NULL,
	"acknowledged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gov_policy_acknowledgements_version_id_user_id_pk" PRIMARY KEY("version_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "gov_policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"body" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"effective_on" date NOT NULL,
	"published_by_id" uuid,
	"published_by_name" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gov_policy_versions_number_key" UNIQUE("policy_id","number")
);
--> statement-breakpoint
CREATE TABLE "gov_role_descriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL,
	"mission" text DEFAULT '' NOT NULL,
	"responsibilities" jsonb NOT NULL,
	"raci_labels" jsonb NOT NULL,
	CONSTRAINT "gov_role_descriptions_name_key" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "dash_project_snapshots" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"metrics" jsonb NOT NULL,
	"alignment" double precision,
	CONSTRAINT "dash_project_snapshots_alignment_check" CHECK ("dash_project_snapshots"."alignment" is null or "dash_project_snapshots"."alignment" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "resource_team_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"team_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"start" date NOT NULL,
	"finish" date,
	CONSTRAINT "resource_team_members_dates_check" CHECK ("resource_team_members"."finish" is null or "resource_team_members"."finish" >= "resource_team_members"."start")
);
--> statement-breakpoint
CREATE TABLE "sim_cost_ranges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"distribution" text NOT NULL,
	"min" bigint NOT NULL,
	"mode" bigint NOT NULL,
	"max" bigint NOT NULL,
	CONSTRAINT "sim_cost_ranges_distribution_check" CHECK ("sim_cost_ranges"."distribution" in ('triangular', 'pert', 'uniform')),
	CONSTRAINT "sim_cost_ranges_order_check" CHECK (0 <= "sim_cost_ranges"."min" and "sim_cost_ranges"."min" <= "sim_cost_ranges"."max")
);
--> statement-breakpoint
CREATE TABLE "sim_estimates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"distribution" text NOT NULL,
	"min" double precision NOT NULL,
	"mode" double precision NOT NULL,
	"max" double precision NOT NULL,
	CONSTRAINT "sim_estimates_distribution_check" CHECK ("sim_estimates"."distribution" in ('triangular', 'pert', 'uniform')),
	CONSTRAINT "sim_estimates_order_check" CHECK (0 <= "sim_estimates"."min" and "sim_estimates"."min" <= "sim_estimates"."max")
);
--> statement-breakpoint
CREATE TABLE "sim_risk_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"risk_id" uuid,
	"name" text NOT NULL,
	"probability" double precision NOT NULL,
	"cost_impact" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "sim_risk_events_probability_check" CHECK ("sim_risk_events"."probability" between 0 and 1)
);
--> statement-breakpoint
CREATE TABLE "sim_risk_impacts" (
	"event_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"days" double precision NOT NULL,
	CONSTRAINT "sim_risk_impacts_event_id_task_id_pk" PRIMARY KEY("event_id","task_id")
);
--> statement-breakpoint
CREATE TABLE "sim_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"iterations" integer NOT NULL,
	"seed" text NOT NULL,
	"target_date" date,
	"milestone_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"inputs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"requested_by" uuid,
	"requested_by_name" text,
	"result" jsonb,
	"p80_finish" date,
	"p80_cost" bigint,
	"error" text,
	"error_details" jsonb,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	CONSTRAINT "sim_runs_state_check" CHECK ("sim_runs"."state" in ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "development_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"person_id" uuid NOT NULL,
	"skill_id" uuid NOT NULL,
	"target_level" integer NOT NULL,
	"due_on" date NOT NULL,
	"course_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "development_goals_level_check" CHECK ("development_goals"."target_level" between 1 and 5),
	CONSTRAINT "development_goals_status_check" CHECK ("development_goals"."status" in ('planned', 'in_progress', 'done', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"provider" text DEFAULT '' NOT NULL,
	"skill_id" uuid NOT NULL,
	"target_level" integer NOT NULL,
	"duration_hours" double precision NOT NULL,
	"cost_minor" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"format" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	CONSTRAINT "training_courses_level_check" CHECK ("training_courses"."target_level" between 1 and 5),
	CONSTRAINT "training_courses_duration_check" CHECK ("training_courses"."duration_hours" > 0),
	CONSTRAINT "training_courses_cost_check" CHECK ("training_courses"."cost_minor" >= 0),
	CONSTRAINT "training_courses_format_check" CHECK ("training_courses"."format" in ('presentiel', 'distanciel', 'elearning', 'mixte'))
);
--> statement-breakpoint
CREATE TABLE "training_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"session_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"evaluation" integer,
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "training_enrolments_status_check" CHECK ("training_enrolments"."status" in ('requested', 'approved', 'attended', 'completed', 'rejected', 'cancelled')),
	CONSTRAINT "training_enrolments_evaluation_check" CHECK ("training_enrolments"."evaluation" is null or "training_enrolments"."evaluation" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"course_id" uuid NOT NULL,
	"start" date NOT NULL,
	"finish" date NOT NULL,
	"seats" integer NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	CONSTRAINT "training_sessions_period_check" CHECK ("training_sessions"."finish" >= "training_sessions"."start"),
	CONSTRAINT "training_sessions_seats_check" CHECK ("training_sessions"."seats" > 0),
	CONSTRAINT "training_sessions_status_check" CHECK ("training_sessions"."status" in ('planned', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "strategy_portfolio_scenarios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"selection" jsonb NOT NULL,
	"forced_in" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"forced_out" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"result" jsonb,
	"frontier" jsonb,
	"run_at" timestamp with time zone,
	"run_seconds" real
);
--> statement-breakpoint
CREATE TABLE "strategy_scoring_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"model_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"evaluator_id" uuid NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "strategy_scoring_evaluations_scores_check" CHECK (jsonb_typeof("strategy_scoring_evaluations"."scores") = 'object')
);
--> statement-breakpoint
CREATE TABLE "strategy_scoring_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"criteria" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "risks" DROP CONSTRAINT "risks_scope_check";--> statement-breakpoint
ALTER TABLE "exchange_rates" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "risks" ADD COLUMN "portfolio_id" uuid;--> statement-breakpoint
ALTER TABLE "risks" ADD COLUMN "escalation_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "benefit_realisations" ADD CONSTRAINT "benefit_realisations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_realisations" ADD CONSTRAINT "benefit_realisations_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_rate_policies" ADD CONSTRAINT "discount_rate_policies_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evm_thresholds" ADD CONSTRAINT "evm_thresholds_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_forecasts" ADD CONSTRAINT "finance_forecasts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_forecasts" ADD CONSTRAINT "finance_forecasts_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_forecasts" ADD CONSTRAINT "finance_forecasts_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_lessons" ADD CONSTRAINT "gov_lessons_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_lessons" ADD CONSTRAINT "gov_lessons_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_policies" ADD CONSTRAINT "gov_policies_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_policy_acknowledgements" ADD CONSTRAINT "gov_policy_acknowledgements_version_id_gov_policy_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."gov_policy_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_policy_acknowledgements" ADD CONSTRAINT "gov_policy_acknowledgements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_policy_versions" ADD CONSTRAINT "gov_policy_versions_policy_id_gov_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."gov_policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_policy_versions" ADD CONSTRAINT "gov_policy_versions_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dash_project_snapshots" ADD CONSTRAINT "dash_project_snapshots_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_team_members" ADD CONSTRAINT "resource_team_members_team_id_resource_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."resource_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_team_members" ADD CONSTRAINT "resource_team_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_cost_ranges" ADD CONSTRAINT "sim_cost_ranges_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_cost_ranges" ADD CONSTRAINT "sim_cost_ranges_line_id_budget_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."budget_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_estimates" ADD CONSTRAINT "sim_estimates_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_estimates" ADD CONSTRAINT "sim_estimates_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_risk_events" ADD CONSTRAINT "sim_risk_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_risk_events" ADD CONSTRAINT "sim_risk_events_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_risk_impacts" ADD CONSTRAINT "sim_risk_impacts_event_id_sim_risk_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."sim_risk_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_risk_impacts" ADD CONSTRAINT "sim_risk_impacts_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_runs" ADD CONSTRAINT "sim_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_runs" ADD CONSTRAINT "sim_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_goals" ADD CONSTRAINT "development_goals_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_goals" ADD CONSTRAINT "development_goals_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_goals" ADD CONSTRAINT "development_goals_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_courses" ADD CONSTRAINT "training_courses_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_scoring_evaluations" ADD CONSTRAINT "strategy_scoring_evaluations_model_id_strategy_scoring_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."strategy_scoring_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_scoring_evaluations" ADD CONSTRAINT "strategy_scoring_evaluations_request_id_strategy_project_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."strategy_project_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_scoring_evaluations" ADD CONSTRAINT "strategy_scoring_evaluations_evaluator_id_users_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_realisations_key" ON "benefit_realisations" USING btree ("project_id","period","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "discount_rate_policies_from_key" ON "discount_rate_policies" USING btree ("effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "evm_thresholds_portfolio_key" ON "evm_thresholds" USING btree ("portfolio_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evm_thresholds_company_key" ON "evm_thresholds" USING btree ((true)) WHERE "evm_thresholds"."portfolio_id" is null;--> statement-breakpoint
CREATE INDEX "finance_forecasts_project_idx" ON "finance_forecasts" USING btree ("project_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "finance_forecasts_live_key" ON "finance_forecasts" USING btree ("project_id","period") WHERE "finance_forecasts"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "gov_lessons_project_idx" ON "gov_lessons" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "gov_lessons_updated_idx" ON "gov_lessons" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "gov_policy_ack_user_idx" ON "gov_policy_acknowledgements" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "dash_project_snapshots_computed_idx" ON "dash_project_snapshots" USING btree ("computed_at");--> statement-breakpoint
CREATE INDEX "resource_team_members_team_idx" ON "resource_team_members" USING btree ("team_id","start");--> statement-breakpoint
CREATE INDEX "resource_team_members_person_idx" ON "resource_team_members" USING btree ("person_id","start");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_team_members_start_key" ON "resource_team_members" USING btree ("team_id","person_id","start");--> statement-breakpoint
CREATE UNIQUE INDEX "sim_cost_ranges_line_key" ON "sim_cost_ranges" USING btree ("line_id");--> statement-breakpoint
CREATE INDEX "sim_cost_ranges_project_idx" ON "sim_cost_ranges" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sim_estimates_task_key" ON "sim_estimates" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "sim_estimates_project_idx" ON "sim_estimates" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "sim_risk_events_project_idx" ON "sim_risk_events" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "sim_risk_impacts_task_idx" ON "sim_risk_impacts" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sim_runs_number_key" ON "sim_runs" USING btree ("project_id","number");--> statement-breakpoint
CREATE INDEX "sim_runs_state_idx" ON "sim_runs" USING btree ("state");--> statement-breakpoint
CREATE INDEX "development_goals_person_idx" ON "development_goals" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_courses_code_key" ON "training_courses" USING btree ("code");--> statement-breakpoint
CREATE INDEX "training_courses_skill_idx" ON "training_courses" USING btree ("skill_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_enrolments_session_person_key" ON "training_enrolments" USING btree ("session_id","person_id");--> statement-breakpoint
CREATE INDEX "training_enrolments_person_idx" ON "training_enrolments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "training_sessions_course_idx" ON "training_sessions" USING btree ("course_id","start");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_portfolio_scenarios_name_key" ON "strategy_portfolio_scenarios" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_scoring_evaluations_key" ON "strategy_scoring_evaluations" USING btree ("model_id","request_id","evaluator_id");--> statement-breakpoint
CREATE INDEX "strategy_scoring_evaluations_request_idx" ON "strategy_scoring_evaluations" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_scoring_models_name_key" ON "strategy_scoring_models" USING btree ("name");--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "risks_portfolio_number_key" ON "risks" USING btree ("portfolio_id","number") WHERE "risks"."project_id" is null and "risks"."program_id" is null;--> statement-breakpoint
CREATE INDEX "risks_portfolio_idx" ON "risks" USING btree ("portfolio_id","status","score");--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_scope_check" CHECK ("risks"."project_id" is not null or "risks"."program_id" is not null or "risks"."portfolio_id" is not null);