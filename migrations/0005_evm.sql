CREATE TABLE "benefit_realisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"recorded_by_id" uuid,
	"recorded_by_name" text,
	CONSTRAINT "benefit_realisations_kind_check" CHECK ("benefit_realisations"."kind" in ('saving', 'revenue', 'avoided')),
	CONSTRAINT "benefit_realisations_amount_check" CHECK ("benefit_realisations"."amount" >= 0),
	CONSTRAINT "benefit_realisations_period_check" CHECK ("benefit_realisations"."period" ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$')
);
--> statement-breakpoint
CREATE TABLE "discount_rate_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"effective_from" date NOT NULL,
	"rate" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text
);
--> statement-breakpoint
CREATE TABLE "evm_thresholds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"portfolio_id" uuid,
	"spi_watch" integer NOT NULL,
	"spi_alert" integer NOT NULL,
	"cpi_watch" integer NOT NULL,
	"cpi_alert" integer NOT NULL,
	"vac_watch" integer NOT NULL,
	"vac_alert" integer NOT NULL,
	CONSTRAINT "evm_thresholds_spi_check" CHECK ("evm_thresholds"."spi_watch" >= "evm_thresholds"."spi_alert" and "evm_thresholds"."spi_alert" > 0),
	CONSTRAINT "evm_thresholds_cpi_check" CHECK ("evm_thresholds"."cpi_watch" >= "evm_thresholds"."cpi_alert" and "evm_thresholds"."cpi_alert" > 0),
	CONSTRAINT "evm_thresholds_vac_check" CHECK ("evm_thresholds"."vac_watch" >= "evm_thresholds"."vac_alert")
);
--> statement-breakpoint
CREATE TABLE "finance_forecasts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"period" date NOT NULL,
	"status" text NOT NULL,
	"etc_by_month" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"etc" bigint NOT NULL,
	"ac" bigint NOT NULL,
	"bac" bigint NOT NULL,
	"eac" bigint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"submitted_by_id" uuid,
	"submitted_by_name" text,
	"decided_at" timestamp with time zone,
	"decided_by_id" uuid,
	"decided_by_name" text,
	"decision_comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "finance_forecasts_status_check" CHECK ("finance_forecasts"."status" in ('submitted', 'approved', 'rejected')),
	CONSTRAINT "finance_forecasts_etc_check" CHECK ("finance_forecasts"."etc" >= 0)
);
--> statement-breakpoint
ALTER TABLE "exchange_rates" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "benefit_realisations" ADD CONSTRAINT "benefit_realisations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_realisations" ADD CONSTRAINT "benefit_realisations_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_rate_policies" ADD CONSTRAINT "discount_rate_policies_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evm_thresholds" ADD CONSTRAINT "evm_thresholds_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_forecasts" ADD CONSTRAINT "finance_forecasts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_forecasts" ADD CONSTRAINT "finance_forecasts_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_forecasts" ADD CONSTRAINT "finance_forecasts_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_realisations_key" ON "benefit_realisations" USING btree ("project_id","period","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "discount_rate_policies_from_key" ON "discount_rate_policies" USING btree ("effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "evm_thresholds_portfolio_key" ON "evm_thresholds" USING btree ("portfolio_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evm_thresholds_company_key" ON "evm_thresholds" USING btree ((true)) WHERE "evm_thresholds"."portfolio_id" is null;--> statement-breakpoint
CREATE INDEX "finance_forecasts_project_idx" ON "finance_forecasts" USING btree ("project_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "finance_forecasts_live_key" ON "finance_forecasts" USING btree ("project_id","period") WHERE "finance_forecasts"."status" <> 'rejected';