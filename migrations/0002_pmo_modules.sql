CREATE TABLE "actual_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"line_id" uuid,
	"source" text NOT NULL,
	"date" date NOT NULL,
	"supplier" text DEFAULT '' NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"amount_eur" bigint NOT NULL,
	"import_id" uuid,
	CONSTRAINT "actual_costs_source_check" CHECK ("actual_costs"."source" in ('invoice', 'other', 'labour'))
);
--> statement-breakpoint
CREATE TABLE "budget_amounts" (
	"line_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"month" date NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "budget_amounts_line_id_month_pk" PRIMARY KEY("line_id","month")
);
--> statement-breakpoint
CREATE TABLE "budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"category" text NOT NULL,
	"nature" text NOT NULL,
	"cost_centre" text DEFAULT '' NOT NULL,
	"task_id" uuid,
	"etc" bigint,
	"forecast_comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "budget_lines_nature_check" CHECK ("budget_lines"."nature" in ('capex', 'opex')),
	CONSTRAINT "budget_lines_category_check" CHECK ("budget_lines"."category" in ('internal_labour', 'external_services', 'software', 'hardware', 'travel', 'other'))
);
--> statement-breakpoint
CREATE TABLE "budget_revision_amounts" (
	"revision_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"label" text NOT NULL,
	"category" text NOT NULL,
	"nature" text NOT NULL,
	"month" date NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "budget_revision_amounts_revision_id_line_id_month_pk" PRIMARY KEY("revision_id","line_id","month")
);
--> statement-breakpoint
CREATE TABLE "budget_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"total" bigint NOT NULL,
	"submitted_by_id" uuid,
	"submitted_by_name" text,
	"decided_at" timestamp with time zone,
	"decided_by_id" uuid,
	"decided_by_name" text,
	"decision_comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "budget_revisions_status_check" CHECK ("budget_revisions"."status" in ('submitted', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "exchange_rates" (
	"currency" text NOT NULL,
	"valid_from" date NOT NULL,
	"rate" numeric(18, 8) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_rates_currency_valid_from_pk" PRIMARY KEY("currency","valid_from")
);
--> statement-breakpoint
CREATE TABLE "finance_closes" (
	"project_id" uuid NOT NULL,
	"month" date NOT NULL,
	"status_date" date NOT NULL,
	"bac" bigint NOT NULL,
	"pv" bigint NOT NULL,
	"ev" bigint NOT NULL,
	"ac" bigint NOT NULL,
	"committed" bigint NOT NULL,
	"etc" bigint,
	"eac" bigint NOT NULL,
	"lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by_id" uuid,
	"recorded_by_name" text,
	CONSTRAINT "finance_closes_project_id_month_pk" PRIMARY KEY("project_id","month")
);
--> statement-breakpoint
CREATE TABLE "purchase_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"line_id" uuid,
	"supplier" text NOT NULL,
	"reference" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"order_date" date NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"amount_eur" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gov_deliverables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"phase_key" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"owner_id" uuid,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	CONSTRAINT "gov_deliverables_key" UNIQUE("project_id","key"),
	CONSTRAINT "gov_deliverables_status_check" CHECK ("gov_deliverables"."status" in ('draft', 'submitted', 'approved'))
);
--> statement-breakpoint
CREATE TABLE "gov_gate_checks" (
	"project_id" uuid NOT NULL,
	"phase_key" text NOT NULL,
	"criterion_key" text NOT NULL,
	"checked_by" text,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gov_gate_checks_project_id_phase_key_criterion_key_pk" PRIMARY KEY("project_id","phase_key","criterion_key")
);
--> statement-breakpoint
CREATE TABLE "gov_gate_conditions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decision_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner_id" uuid,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "gov_gate_conditions_status_check" CHECK ("gov_gate_conditions"."status" in ('open', 'done'))
);
--> statement-breakpoint
CREATE TABLE "gov_gate_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"phase_key" text NOT NULL,
	"phase_name" text NOT NULL,
	"gate_name" text NOT NULL,
	"decision" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"decided_by_id" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"readiness" jsonb NOT NULL,
	CONSTRAINT "gov_gate_decisions_decision_check" CHECK ("gov_gate_decisions"."decision" in ('go', 'go_with_conditions', 'recycle', 'hold', 'stop'))
);
--> statement-breakpoint
CREATE TABLE "gov_glossary_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"term" text NOT NULL,
	"term_en" text DEFAULT '' NOT NULL,
	"definition" text NOT NULL,
	"definition_en" text DEFAULT '' NOT NULL,
	"example" text DEFAULT '' NOT NULL,
	"category" text DEFAULT 'general' NOT NULL,
	CONSTRAINT "gov_glossary_terms_term_key" UNIQUE("term")
);
--> statement-breakpoint
CREATE TABLE "gov_methodologies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"latest_version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "gov_methodologies_code_key" UNIQUE("code"),
	CONSTRAINT "gov_methodologies_kind_check" CHECK ("gov_methodologies"."kind" in ('waterfall', 'agile', 'hybrid'))
);
--> statement-breakpoint
CREATE TABLE "gov_methodology_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"methodology_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"content" jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gov_methodology_versions_number_key" UNIQUE("methodology_id","number")
);
--> statement-breakpoint
CREATE TABLE "gov_project_lifecycles" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"methodology_version_id" uuid NOT NULL,
	"current_phase_key" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gov_project_lifecycles_status_check" CHECK ("gov_project_lifecycles"."status" in ('active', 'on_hold', 'stopped', 'completed'))
);
--> statement-breakpoint
CREATE TABLE "gov_raci_matrices" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"columns" jsonb NOT NULL,
	"rows" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"entity_type" text,
	"entity_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "kpi_definitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name_fr" text NOT NULL,
	"name_en" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"formula" text NOT NULL,
	"unit" text NOT NULL,
	"direction" text NOT NULL,
	"target" double precision,
	"green" double precision NOT NULL,
	"amber" double precision NOT NULL,
	"frequency" text NOT NULL,
	"level" text NOT NULL,
	"owner_id" uuid,
	"standard" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "kpi_definitions_direction_check" CHECK ("kpi_definitions"."direction" in ('up', 'down')),
	CONSTRAINT "kpi_definitions_level_check" CHECK ("kpi_definitions"."level" in ('project', 'program', 'portfolio'))
);
--> statement-breakpoint
CREATE TABLE "kpi_values" (
	"kpi_id" uuid NOT NULL,
	"scope_type" text NOT NULL,
	"scope_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"value" double precision,
	"status" text,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_values_kpi_id_scope_type_scope_id_as_of_pk" PRIMARY KEY("kpi_id","scope_type","scope_id","as_of")
);
--> statement-breakpoint
CREATE TABLE "reporting_settings" (
	"portfolio_id" uuid PRIMARY KEY NOT NULL,
	"frequency" text DEFAULT 'monthly' NOT NULL,
	"rollup_rule" text DEFAULT 'worst' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reporting_settings_frequency_check" CHECK ("reporting_settings"."frequency" in ('weekly', 'fortnightly', 'monthly')),
	CONSTRAINT "reporting_settings_rule_check" CHECK ("reporting_settings"."rollup_rule" in ('worst', 'weighted', 'majority'))
);
--> statement-breakpoint
CREATE TABLE "status_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"scope_type" text NOT NULL,
	"scope_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"weather" text NOT NULL,
	"comment" text NOT NULL,
	"set_by_id" uuid,
	"set_by_name" text NOT NULL,
	CONSTRAINT "status_overrides_scope_check" CHECK ("status_overrides"."scope_type" in ('portfolio', 'program')),
	CONSTRAINT "status_overrides_weather_check" CHECK ("status_overrides"."weather" in ('sun', 'cloud', 'rain', 'storm'))
);
--> statement-breakpoint
CREATE TABLE "status_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"frequency" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"overall" text NOT NULL,
	"dimensions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"achievements" text DEFAULT '' NOT NULL,
	"next_steps" text DEFAULT '' NOT NULL,
	"issues" text DEFAULT '' NOT NULL,
	"decisions" text DEFAULT '' NOT NULL,
	"metrics" jsonb,
	"metrics_as_of" date,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by_name" text,
	"reviewed_at" timestamp with time zone,
	"reviewer_name" text,
	"review_comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "status_reports_state_check" CHECK ("status_reports"."state" in ('draft', 'submitted', 'changes_requested', 'reviewed')),
	CONSTRAINT "status_reports_overall_check" CHECK ("status_reports"."overall" in ('sun', 'cloud', 'rain', 'storm')),
	CONSTRAINT "status_reports_period_check" CHECK ("status_reports"."period_end" >= "status_reports"."period_start")
);
--> statement-breakpoint
CREATE TABLE "resource_absences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"start" date NOT NULL,
	"finish" date NOT NULL,
	"day_fraction" double precision DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "resource_absences_period_check" CHECK ("resource_absences"."finish" >= "resource_absences"."start"),
	CONSTRAINT "resource_absences_kind_check" CHECK ("resource_absences"."kind" in ('conges', 'rtt', 'formation', 'maladie', 'autre')),
	CONSTRAINT "resource_absences_status_check" CHECK ("resource_absences"."status" in ('requested', 'approved', 'rejected', 'cancelled')),
	CONSTRAINT "resource_absences_fraction_check" CHECK ("resource_absences"."day_fraction" > 0 and "resource_absences"."day_fraction" <= 1)
);
--> statement-breakpoint
CREATE TABLE "resource_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"person_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"start" date NOT NULL,
	"finish" date NOT NULL,
	"unit" text NOT NULL,
	"amount" double precision NOT NULL,
	"status" text DEFAULT 'soft' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "resource_allocations_period_check" CHECK ("resource_allocations"."finish" >= "resource_allocations"."start"),
	CONSTRAINT "resource_allocations_unit_check" CHECK ("resource_allocations"."unit" in ('hours', 'percent')),
	CONSTRAINT "resource_allocations_status_check" CHECK ("resource_allocations"."status" in ('soft', 'hard')),
	CONSTRAINT "resource_allocations_amount_check" CHECK ("resource_allocations"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "resource_cost_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"rate_minor" bigint NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_cost_rates_rate_check" CHECK ("resource_cost_rates"."rate_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "resource_profiles" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"role_id" uuid,
	"team_id" uuid,
	"week_hours" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"default_rate_minor" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	CONSTRAINT "resource_roles_rate_check" CHECK ("resource_roles"."default_rate_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "resource_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"lead_id" uuid
);
--> statement-breakpoint
CREATE TABLE "resource_task_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"task_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"effort_hours" double precision NOT NULL,
	CONSTRAINT "resource_task_assignments_effort_check" CHECK ("resource_task_assignments"."effort_hours" >= 0)
);
--> statement-breakpoint
CREATE TABLE "risk_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"risk_id" uuid NOT NULL,
	"assessed_on" date NOT NULL,
	"probability" smallint NOT NULL,
	"impact" smallint NOT NULL,
	"residual_probability" smallint,
	"residual_impact" smallint,
	"emv_cents" bigint NOT NULL,
	"status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"assessed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"parent_id" uuid
);
--> statement-breakpoint
CREATE TABLE "risk_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid,
	"program_id" uuid,
	"number" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"cause" text DEFAULT '' NOT NULL,
	"event" text DEFAULT '' NOT NULL,
	"effect" text DEFAULT '' NOT NULL,
	"category_id" uuid,
	"probability" smallint NOT NULL,
	"impact_cost" smallint,
	"impact_schedule" smallint,
	"impact_quality" smallint,
	"impact_reputation" smallint,
	"impact" smallint NOT NULL,
	"score" smallint NOT NULL,
	"cost_impact_cents" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"emv_cents" bigint DEFAULT 0 NOT NULL,
	"contingency_cents" bigint,
	"schedule_impact_days" integer,
	"proximity" date,
	"owner_id" uuid,
	"strategy" text,
	"response" text DEFAULT '' NOT NULL,
	"residual_probability" smallint,
	"residual_impact" smallint,
	"status" text NOT NULL,
	"escalated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "risks_scope_check" CHECK ("risks"."project_id" is not null or "risks"."program_id" is not null),
	CONSTRAINT "risks_kind_check" CHECK ("risks"."kind" in ('threat', 'opportunity')),
	CONSTRAINT "risks_status_check" CHECK ("risks"."status" in ('open', 'monitoring', 'occurred', 'closed')),
	CONSTRAINT "risks_probability_check" CHECK ("risks"."probability" between 1 and 10),
	CONSTRAINT "risks_impact_check" CHECK ("risks"."impact" between 0 and 10),
	CONSTRAINT "risks_money_check" CHECK ("risks"."cost_impact_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "strategy_project_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"expected_benefits" text DEFAULT '' NOT NULL,
	"requester_id" uuid,
	"requester_name" text,
	"requester_person_id" uuid,
	"sponsor_id" uuid,
	"portfolio_id" uuid,
	"rough_cost" bigint,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"rough_effort_days" integer,
	"desired_start" date,
	"desired_end" date,
	"urgency" text DEFAULT 'medium' NOT NULL,
	"stage" text DEFAULT 'submitted' NOT NULL,
	"triage_note" text DEFAULT '' NOT NULL,
	"business_case" jsonb,
	"project_id" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "strategy_requests_stage_check" CHECK ("strategy_project_requests"."stage" in ('submitted', 'needs_info', 'evaluation', 'approved', 'rejected')),
	CONSTRAINT "strategy_requests_urgency_check" CHECK ("strategy_project_requests"."urgency" in ('low', 'medium', 'high', 'critical')),
	CONSTRAINT "strategy_requests_cost_check" CHECK ("strategy_project_requests"."rough_cost" is null or "strategy_project_requests"."rough_cost" >= 0)
);
--> statement-breakpoint
CREATE TABLE "time_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "time_activities_kind" CHECK ("time_activities"."kind" in ('absence', 'training', 'internal', 'support'))
);
--> statement-breakpoint
CREATE TABLE "time_locks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"locked_by_id" uuid,
	"locked_by_name" text,
	"locked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_locks_order" CHECK ("time_locks"."from_date" <= "time_locks"."to_date")
);
--> statement-breakpoint
CREATE TABLE "time_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"max_day_centi" integer NOT NULL,
	"max_week_centi" integer NOT NULL,
	"approver_policy" text NOT NULL,
	"late_after_days" integer NOT NULL,
	"reminders_enabled" boolean NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_settings_single" CHECK ("time_settings"."id" = 1),
	CONSTRAINT "time_settings_policy" CHECK ("time_settings"."approver_policy" in ('resource_manager', 'project_manager'))
);
--> statement-breakpoint
CREATE TABLE "timesheet_entries" (
	"line_id" uuid NOT NULL,
	"date" date NOT NULL,
	"centi" integer NOT NULL,
	CONSTRAINT "timesheet_entries_line_id_date_pk" PRIMARY KEY("line_id","date"),
	CONSTRAINT "timesheet_entries_centi" CHECK ("timesheet_entries"."centi" > 0 and "timesheet_entries"."centi" <= 2400)
);
--> statement-breakpoint
CREATE TABLE "timesheet_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"timesheet_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"project_id" uuid,
	"task_id" uuid,
	"activity_id" uuid,
	"approval" text DEFAULT 'pending' NOT NULL,
	"decided_by_id" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"comment" text,
	CONSTRAINT "timesheet_lines_target" CHECK (("timesheet_lines"."project_id" is null) <> ("timesheet_lines"."activity_id" is null)),
	CONSTRAINT "timesheet_lines_approval" CHECK ("timesheet_lines"."approval" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "timesheets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"person_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"comment" text,
	CONSTRAINT "timesheets_status" CHECK ("timesheets"."status" in ('draft', 'submitted', 'approved', 'rejected')),
	CONSTRAINT "timesheets_monday" CHECK (extract(isodow from "timesheets"."week_start") = 1)
);
--> statement-breakpoint
ALTER TABLE "actual_costs" ADD CONSTRAINT "actual_costs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actual_costs" ADD CONSTRAINT "actual_costs_line_id_budget_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."budget_lines"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_amounts" ADD CONSTRAINT "budget_amounts_line_id_budget_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."budget_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_amounts" ADD CONSTRAINT "budget_amounts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_revision_amounts" ADD CONSTRAINT "budget_revision_amounts_revision_id_budget_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."budget_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_revision_amounts" ADD CONSTRAINT "budget_revision_amounts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_revisions" ADD CONSTRAINT "budget_revisions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_revisions" ADD CONSTRAINT "budget_revisions_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_revisions" ADD CONSTRAINT "budget_revisions_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_closes" ADD CONSTRAINT "finance_closes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_closes" ADD CONSTRAINT "finance_closes_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_line_id_budget_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."budget_lines"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_deliverables" ADD CONSTRAINT "gov_deliverables_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_deliverables" ADD CONSTRAINT "gov_deliverables_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_gate_checks" ADD CONSTRAINT "gov_gate_checks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_gate_conditions" ADD CONSTRAINT "gov_gate_conditions_decision_id_gov_gate_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."gov_gate_decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_gate_conditions" ADD CONSTRAINT "gov_gate_conditions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_gate_conditions" ADD CONSTRAINT "gov_gate_conditions_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_gate_decisions" ADD CONSTRAINT "gov_gate_decisions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_gate_decisions" ADD CONSTRAINT "gov_gate_decisions_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_methodology_versions" ADD CONSTRAINT "gov_methodology_versions_methodology_id_gov_methodologies_id_fk" FOREIGN KEY ("methodology_id") REFERENCES "public"."gov_methodologies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_lifecycles" ADD CONSTRAINT "gov_project_lifecycles_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_lifecycles" ADD CONSTRAINT "gov_project_lifecycles_methodology_version_id_gov_methodology_versions_id_fk" FOREIGN KEY ("methodology_version_id") REFERENCES "public"."gov_methodology_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_raci_matrices" ADD CONSTRAINT "gov_raci_matrices_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_definitions" ADD CONSTRAINT "kpi_definitions_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_values" ADD CONSTRAINT "kpi_values_kpi_id_kpi_definitions_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpi_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_settings" ADD CONSTRAINT "reporting_settings_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_overrides" ADD CONSTRAINT "status_overrides_set_by_id_users_id_fk" FOREIGN KEY ("set_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_reports" ADD CONSTRAINT "status_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_reports" ADD CONSTRAINT "status_reports_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_absences" ADD CONSTRAINT "resource_absences_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_absences" ADD CONSTRAINT "resource_absences_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_allocations" ADD CONSTRAINT "resource_allocations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_allocations" ADD CONSTRAINT "resource_allocations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_cost_rates" ADD CONSTRAINT "resource_cost_rates_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_profiles" ADD CONSTRAINT "resource_profiles_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_profiles" ADD CONSTRAINT "resource_profiles_role_id_resource_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."resource_roles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_profiles" ADD CONSTRAINT "resource_profiles_team_id_resource_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."resource_teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_teams" ADD CONSTRAINT "resource_teams_lead_id_people_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_task_assignments" ADD CONSTRAINT "resource_task_assignments_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_task_assignments" ADD CONSTRAINT "resource_task_assignments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_task_assignments" ADD CONSTRAINT "resource_task_assignments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_categories" ADD CONSTRAINT "risk_categories_parent_id_risk_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."risk_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_category_id_risk_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."risk_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_project_requests" ADD CONSTRAINT "strategy_project_requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_project_requests" ADD CONSTRAINT "strategy_project_requests_requester_person_id_people_id_fk" FOREIGN KEY ("requester_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_project_requests" ADD CONSTRAINT "strategy_project_requests_sponsor_id_people_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_project_requests" ADD CONSTRAINT "strategy_project_requests_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_project_requests" ADD CONSTRAINT "strategy_project_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_locks" ADD CONSTRAINT "time_locks_locked_by_id_users_id_fk" FOREIGN KEY ("locked_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheet_entries" ADD CONSTRAINT "timesheet_entries_line_id_timesheet_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."timesheet_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheet_lines" ADD CONSTRAINT "timesheet_lines_timesheet_id_timesheets_id_fk" FOREIGN KEY ("timesheet_id") REFERENCES "public"."timesheets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheet_lines" ADD CONSTRAINT "timesheet_lines_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheet_lines" ADD CONSTRAINT "timesheet_lines_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheet_lines" ADD CONSTRAINT "timesheet_lines_activity_id_time_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."time_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheet_lines" ADD CONSTRAINT "timesheet_lines_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheets" ADD CONSTRAINT "timesheets_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actual_costs_project_idx" ON "actual_costs" USING btree ("project_id","date");--> statement-breakpoint
CREATE INDEX "budget_amounts_project_idx" ON "budget_amounts" USING btree ("project_id","month");--> statement-breakpoint
CREATE INDEX "budget_lines_project_idx" ON "budget_lines" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "budget_revision_amounts_project_idx" ON "budget_revision_amounts" USING btree ("project_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_revisions_number_key" ON "budget_revisions" USING btree ("project_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_orders_reference_key" ON "purchase_orders" USING btree ("project_id","reference");--> statement-breakpoint
CREATE INDEX "purchase_orders_project_idx" ON "purchase_orders" USING btree ("project_id","order_date");--> statement-breakpoint
CREATE INDEX "gov_gate_conditions_decision_idx" ON "gov_gate_conditions" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "gov_gate_conditions_project_idx" ON "gov_gate_conditions" USING btree ("project_id","status");--> statement-breakpoint
CREATE INDEX "gov_gate_decisions_project_idx" ON "gov_gate_decisions" USING btree ("project_id","decided_at");--> statement-breakpoint
CREATE INDEX "gov_gate_decisions_at_idx" ON "gov_gate_decisions" USING btree ("decided_at","id");--> statement-breakpoint
CREATE INDEX "gov_project_lifecycles_version_idx" ON "gov_project_lifecycles" USING btree ("methodology_version_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_definitions_code_key" ON "kpi_definitions" USING btree ("code");--> statement-breakpoint
CREATE INDEX "kpi_values_scope_idx" ON "kpi_values" USING btree ("scope_type","scope_id","as_of");--> statement-breakpoint
CREATE UNIQUE INDEX "status_overrides_key" ON "status_overrides" USING btree ("scope_type","scope_id","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "status_reports_period_key" ON "status_reports" USING btree ("project_id","period_start");--> statement-breakpoint
CREATE INDEX "status_reports_period_idx" ON "status_reports" USING btree ("period_start","project_id");--> statement-breakpoint
CREATE INDEX "resource_absences_person_idx" ON "resource_absences" USING btree ("person_id","start");--> statement-breakpoint
CREATE INDEX "resource_absences_period_idx" ON "resource_absences" USING btree ("start","finish");--> statement-breakpoint
CREATE INDEX "resource_allocations_person_idx" ON "resource_allocations" USING btree ("person_id","start");--> statement-breakpoint
CREATE INDEX "resource_allocations_project_idx" ON "resource_allocations" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_cost_rates_person_from_key" ON "resource_cost_rates" USING btree ("person_id","valid_from");--> statement-breakpoint
CREATE INDEX "resource_profiles_role_idx" ON "resource_profiles" USING btree ("role_id");--> statement-breakpoint
CREATE INDEX "resource_profiles_team_idx" ON "resource_profiles" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_roles_code_key" ON "resource_roles" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_teams_code_key" ON "resource_teams" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_task_assignments_task_person_key" ON "resource_task_assignments" USING btree ("task_id","person_id");--> statement-breakpoint
CREATE INDEX "resource_task_assignments_person_idx" ON "resource_task_assignments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "resource_task_assignments_project_idx" ON "resource_task_assignments" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "risk_assessments_risk_idx" ON "risk_assessments" USING btree ("risk_id","assessed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_categories_code_key" ON "risk_categories" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "risks_project_number_key" ON "risks" USING btree ("project_id","number") WHERE "risks"."project_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "risks_program_number_key" ON "risks" USING btree ("program_id","number") WHERE "risks"."project_id" is null;--> statement-breakpoint
CREATE INDEX "risks_project_idx" ON "risks" USING btree ("project_id","status","score");--> statement-breakpoint
CREATE INDEX "risks_program_idx" ON "risks" USING btree ("program_id","status","score");--> statement-breakpoint
CREATE INDEX "risks_heat_idx" ON "risks" USING btree ("status","probability","impact");--> statement-breakpoint
CREATE INDEX "risks_score_idx" ON "risks" USING btree ("score","id");--> statement-breakpoint
CREATE INDEX "risks_owner_idx" ON "risks" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "risks_category_idx" ON "risks" USING btree ("category_id");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_requests_number_key" ON "strategy_project_requests" USING btree ("number");--> statement-breakpoint
CREATE INDEX "strategy_requests_stage_idx" ON "strategy_project_requests" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "strategy_requests_requester_idx" ON "strategy_project_requests" USING btree ("requester_id");--> statement-breakpoint
CREATE UNIQUE INDEX "time_activities_code_key" ON "time_activities" USING btree ("code");--> statement-breakpoint
CREATE INDEX "time_locks_range_idx" ON "time_locks" USING btree ("from_date","to_date");--> statement-breakpoint
CREATE INDEX "timesheet_entries_date_idx" ON "timesheet_entries" USING btree ("date");--> statement-breakpoint
CREATE INDEX "timesheet_lines_sheet_idx" ON "timesheet_lines" USING btree ("timesheet_id","position");--> statement-breakpoint
CREATE INDEX "timesheet_lines_project_idx" ON "timesheet_lines" USING btree ("project_id","approval");--> statement-breakpoint
CREATE INDEX "timesheet_lines_task_idx" ON "timesheet_lines" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "timesheets_person_week_key" ON "timesheets" USING btree ("person_id","week_start");--> statement-breakpoint
CREATE INDEX "timesheets_status_idx" ON "timesheets" USING btree ("status","week_start");