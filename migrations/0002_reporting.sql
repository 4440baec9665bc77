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
ALTER TABLE "kpi_definitions" ADD CONSTRAINT "kpi_definitions_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_values" ADD CONSTRAINT "kpi_values_kpi_id_kpi_definitions_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpi_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_settings" ADD CONSTRAINT "reporting_settings_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_overrides" ADD CONSTRAINT "status_overrides_set_by_id_users_id_fk" FOREIGN KEY ("set_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_reports" ADD CONSTRAINT "status_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_reports" ADD CONSTRAINT "status_reports_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_definitions_code_key" ON "kpi_definitions" USING btree ("code");--> statement-breakpoint
CREATE INDEX "kpi_values_scope_idx" ON "kpi_values" USING btree ("scope_type","scope_id","as_of");--> statement-breakpoint
CREATE UNIQUE INDEX "status_overrides_key" ON "status_overrides" USING btree ("scope_type","scope_id","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "status_reports_period_key" ON "status_reports" USING btree ("project_id","period_start");--> statement-breakpoint
CREATE INDEX "status_reports_period_idx" ON "status_reports" USING btree ("period_start","project_id");