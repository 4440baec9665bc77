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
CREATE UNIQUE INDEX "sim_cost_ranges_line_key" ON "sim_cost_ranges" USING btree ("line_id");--> statement-breakpoint
CREATE INDEX "sim_cost_ranges_project_idx" ON "sim_cost_ranges" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sim_estimates_task_key" ON "sim_estimates" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "sim_estimates_project_idx" ON "sim_estimates" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "sim_risk_events_project_idx" ON "sim_risk_events" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "sim_risk_impacts_task_idx" ON "sim_risk_impacts" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sim_runs_number_key" ON "sim_runs" USING btree ("project_id","number");--> statement-breakpoint
CREATE INDEX "sim_runs_state_idx" ON "sim_runs" USING btree ("state");