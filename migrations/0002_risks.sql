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
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_categories" ADD CONSTRAINT "risk_categories_parent_id_risk_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."risk_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_category_id_risk_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."risk_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_assessments_risk_idx" ON "risk_assessments" USING btree ("risk_id","assessed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_categories_code_key" ON "risk_categories" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "risks_project_number_key" ON "risks" USING btree ("project_id","number") WHERE "risks"."project_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "risks_program_number_key" ON "risks" USING btree ("program_id","number") WHERE "risks"."project_id" is null;--> statement-breakpoint
CREATE INDEX "risks_project_idx" ON "risks" USING btree ("project_id","status","score");--> statement-breakpoint
CREATE INDEX "risks_program_idx" ON "risks" USING btree ("program_id","status","score");--> statement-breakpoint
CREATE INDEX "risks_heat_idx" ON "risks" USING btree ("status","probability","impact");--> statement-breakpoint
CREATE INDEX "risks_score_idx" ON "risks" USING btree ("score","id");--> statement-breakpoint
CREATE INDEX "risks_owner_idx" ON "risks" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "risks_category_idx" ON "risks" USING btree ("category_id");