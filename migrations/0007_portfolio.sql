CREATE TABLE "strategy_frontier_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"scenario_id" uuid NOT NULL,
	"scenario_version" integer NOT NULL,
	"time_limit" integer NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"levels_done" integer DEFAULT 0 NOT NULL,
	"levels" integer NOT NULL,
	"points" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" jsonb,
	"requested_by" uuid,
	"requested_by_name" text DEFAULT '' NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "strategy_frontier_runs_state_check" CHECK ("strategy_frontier_runs"."state" in ('queued', 'running', 'done', 'failed')),
	CONSTRAINT "strategy_frontier_runs_progress_check" CHECK ("strategy_frontier_runs"."progress" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "strategy_scoring_evaluations" ALTER COLUMN "request_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "strategy_scoring_evaluations" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "strategy_frontier_runs" ADD CONSTRAINT "strategy_frontier_runs_scenario_id_strategy_portfolio_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."strategy_portfolio_scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_frontier_runs" ADD CONSTRAINT "strategy_frontier_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_frontier_runs_scenario_key" ON "strategy_frontier_runs" USING btree ("scenario_id");--> statement-breakpoint
CREATE INDEX "strategy_frontier_runs_state_idx" ON "strategy_frontier_runs" USING btree ("state");--> statement-breakpoint
ALTER TABLE "strategy_scoring_evaluations" ADD CONSTRAINT "strategy_scoring_evaluations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_scoring_evaluations_project_key" ON "strategy_scoring_evaluations" USING btree ("model_id","project_id","evaluator_id");--> statement-breakpoint
CREATE INDEX "strategy_scoring_evaluations_project_idx" ON "strategy_scoring_evaluations" USING btree ("project_id");--> statement-breakpoint
ALTER TABLE "strategy_scoring_evaluations" ADD CONSTRAINT "strategy_scoring_evaluations_candidate_check" CHECK (("strategy_scoring_evaluations"."project_id" is null) <> ("strategy_scoring_evaluations"."request_id" is null));