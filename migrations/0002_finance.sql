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
CREATE INDEX "actual_costs_project_idx" ON "actual_costs" USING btree ("project_id","date");--> statement-breakpoint
CREATE INDEX "budget_amounts_project_idx" ON "budget_amounts" USING btree ("project_id","month");--> statement-breakpoint
CREATE INDEX "budget_lines_project_idx" ON "budget_lines" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "budget_revision_amounts_project_idx" ON "budget_revision_amounts" USING btree ("project_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_revisions_number_key" ON "budget_revisions" USING btree ("project_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_orders_reference_key" ON "purchase_orders" USING btree ("project_id","reference");--> statement-breakpoint
CREATE INDEX "purchase_orders_project_idx" ON "purchase_orders" USING btree ("project_id","order_date");