ALTER TABLE "strategy_portfolio_scenarios" ADD COLUMN "backlog" jsonb;--> statement-breakpoint
ALTER TABLE "strategy_project_requests" ADD COLUMN "effort_by_team" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "strategy_project_requests" ADD CONSTRAINT "strategy_requests_effort_by_team_check" CHECK (jsonb_typeof("strategy_project_requests"."effort_by_team") = 'array');