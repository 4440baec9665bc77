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
ALTER TABLE "strategy_project_requests" ADD CONSTRAINT "strategy_project_requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_project_requests" ADD CONSTRAINT "strategy_project_requests_requester_person_id_people_id_fk" FOREIGN KEY ("requester_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_project_requests" ADD CONSTRAINT "strategy_project_requests_sponsor_id_people_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_project_requests" ADD CONSTRAINT "strategy_project_requests_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_project_requests" ADD CONSTRAINT "strategy_project_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_requests_number_key" ON "strategy_project_requests" USING btree ("number");--> statement-breakpoint
CREATE INDEX "strategy_requests_stage_idx" ON "strategy_project_requests" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "strategy_requests_requester_idx" ON "strategy_project_requests" USING btree ("requester_id");