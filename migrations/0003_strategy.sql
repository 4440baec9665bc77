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
ALTER TABLE "strategy_contributions" ADD CONSTRAINT "strategy_contributions_objective_id_strategy_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."strategy_objectives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_contributions" ADD CONSTRAINT "strategy_contributions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_contributions" ADD CONSTRAINT "strategy_contributions_request_id_strategy_project_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."strategy_project_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_objectives" ADD CONSTRAINT "strategy_objectives_parent_id_strategy_objectives_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."strategy_objectives"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_objectives" ADD CONSTRAINT "strategy_objectives_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_contributions_project_key" ON "strategy_contributions" USING btree ("objective_id","project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_contributions_request_key" ON "strategy_contributions" USING btree ("objective_id","request_id");--> statement-breakpoint
CREATE INDEX "strategy_contributions_project_idx" ON "strategy_contributions" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "strategy_contributions_request_idx" ON "strategy_contributions" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_objectives_code_key" ON "strategy_objectives" USING btree ("code");--> statement-breakpoint
CREATE INDEX "strategy_objectives_parent_idx" ON "strategy_objectives" USING btree ("parent_id");