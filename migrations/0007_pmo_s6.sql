CREATE TABLE "finance_line_series" (
	"line_key" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"first_month" date NOT NULL,
	"to_date" bigint[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_cost_postings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"session_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"line_id" uuid,
	"kind" text NOT NULL,
	"purchase_order_id" uuid,
	"actual_cost_id" uuid,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"participants" integer NOT NULL,
	"own_cost" boolean DEFAULT false NOT NULL,
	"posted_on" date NOT NULL,
	CONSTRAINT "training_cost_postings_kind_check" CHECK ("training_cost_postings"."kind" in ('commitment', 'actual')),
	CONSTRAINT "training_cost_postings_amount_check" CHECK ("training_cost_postings"."amount_minor" > 0),
	CONSTRAINT "training_cost_postings_record_check" CHECK (("training_cost_postings"."kind" = 'commitment' and "training_cost_postings"."purchase_order_id" is not null and "training_cost_postings"."actual_cost_id" is null)
        or ("training_cost_postings"."kind" = 'actual' and "training_cost_postings"."actual_cost_id" is not null and "training_cost_postings"."purchase_order_id" is null))
);
--> statement-breakpoint
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
DROP INDEX "risks_heat_idx";--> statement-breakpoint
DROP INDEX "risks_residual_cell_idx";--> statement-breakpoint
ALTER TABLE "strategy_scoring_evaluations" ALTER COLUMN "request_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "dash_project_snapshots" ADD COLUMN "card" jsonb;--> statement-breakpoint
ALTER TABLE "strategy_scoring_evaluations" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "finance_line_series" ADD CONSTRAINT "finance_line_series_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_cost_postings" ADD CONSTRAINT "training_cost_postings_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_cost_postings" ADD CONSTRAINT "training_cost_postings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_cost_postings" ADD CONSTRAINT "training_cost_postings_line_id_budget_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."budget_lines"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_cost_postings" ADD CONSTRAINT "training_cost_postings_purchase_order_id_purchase_orders_id_fk" FOREIGN KEY ("purchase_order_id") REFERENCES "public"."purchase_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_cost_postings" ADD CONSTRAINT "training_cost_postings_actual_cost_id_actual_costs_id_fk" FOREIGN KEY ("actual_cost_id") REFERENCES "public"."actual_costs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_frontier_runs" ADD CONSTRAINT "strategy_frontier_runs_scenario_id_strategy_portfolio_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."strategy_portfolio_scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_frontier_runs" ADD CONSTRAINT "strategy_frontier_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "finance_line_series_project_idx" ON "finance_line_series" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_cost_postings_session_key" ON "training_cost_postings" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "training_cost_postings_project_idx" ON "training_cost_postings" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_frontier_runs_scenario_key" ON "strategy_frontier_runs" USING btree ("scenario_id");--> statement-breakpoint
CREATE INDEX "strategy_frontier_runs_state_idx" ON "strategy_frontier_runs" USING btree ("state");--> statement-breakpoint
ALTER TABLE "strategy_scoring_evaluations" ADD CONSTRAINT "strategy_scoring_evaluations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risks_cell_idx" ON "risks" USING btree ("probability","impact","score" desc nulls last,"id");--> statement-breakpoint
CREATE INDEX "risks_emv_idx" ON "risks" USING btree ("emv_cents" desc nulls last,"id");--> statement-breakpoint
CREATE INDEX "risks_proximity_idx" ON "risks" USING btree ("proximity" asc nulls last,"id");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_scoring_evaluations_project_key" ON "strategy_scoring_evaluations" USING btree ("model_id","project_id","evaluator_id");--> statement-breakpoint
CREATE INDEX "strategy_scoring_evaluations_project_idx" ON "strategy_scoring_evaluations" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "risks_heat_idx" ON "risks" USING btree ("status","probability","impact","kind","emv_cents","contingency_cents","residual_probability","residual_impact","project_id","program_id","portfolio_id");--> statement-breakpoint
CREATE INDEX "risks_residual_cell_idx" ON "risks" USING btree (coalesce("residual_probability", "probability"),coalesce("residual_impact", "impact"),"score" desc nulls last,"id");--> statement-breakpoint
ALTER TABLE "strategy_scoring_evaluations" ADD CONSTRAINT "strategy_scoring_evaluations_candidate_check" CHECK (("strategy_scoring_evaluations"."project_id" is null) <> ("strategy_scoring_evaluations"."request_id" is null));--> statement-breakpoint
-- Backfill (hand-added): each budget line's running monthly totals from the existing monthly aggregates, so the roll-up shows actual costs at once after the upgrade.
INSERT INTO "finance_line_series" ("line_key", "project_id", "first_month", "to_date")
SELECT line_key, project_id, first_month, array_agg(to_date::int8 ORDER BY month)
FROM (
  SELECT k.line_key, k.project_id, k.first_month, g.month,
    sum(coalesce(m.actual, 0)) OVER (PARTITION BY k.line_key ORDER BY g.month) AS to_date
  FROM (
    SELECT line_key, project_id, min(month) AS first_month, max(month) AS last_month
    FROM finance_line_months GROUP BY line_key, project_id
  ) k
  CROSS JOIN LATERAL (
    SELECT generate_series(k.first_month, k.last_month, interval '1 month')::date AS month
  ) g
  LEFT JOIN finance_line_months m ON m.line_key = k.line_key AND m.month = g.month
) run
GROUP BY line_key, project_id, first_month;
