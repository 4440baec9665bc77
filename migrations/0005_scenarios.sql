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
ALTER TABLE "strategy_scoring_evaluations" ADD CONSTRAINT "strategy_scoring_evaluations_model_id_strategy_scoring_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."strategy_scoring_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_scoring_evaluations" ADD CONSTRAINT "strategy_scoring_evaluations_request_id_strategy_project_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."strategy_project_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_scoring_evaluations" ADD CONSTRAINT "strategy_scoring_evaluations_evaluator_id_users_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_portfolio_scenarios_name_key" ON "strategy_portfolio_scenarios" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_scoring_evaluations_key" ON "strategy_scoring_evaluations" USING btree ("model_id","request_id","evaluator_id");--> statement-breakpoint
CREATE INDEX "strategy_scoring_evaluations_request_idx" ON "strategy_scoring_evaluations" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_scoring_models_name_key" ON "strategy_scoring_models" USING btree ("name");