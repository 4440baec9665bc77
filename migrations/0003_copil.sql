CREATE TABLE "copil_packs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope_type" text NOT NULL,
	"scope_id" uuid NOT NULL,
	"scope_name" text NOT NULL,
	"as_of" date NOT NULL,
	"format" text NOT NULL,
	"language" text NOT NULL,
	"template_id" uuid,
	"template_name" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"error" text,
	"project_count" integer,
	"file_name" text,
	"size" integer,
	"content" "bytea",
	"duration_ms" integer,
	"requested_by" uuid,
	"requested_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "copil_packs_scope_check" CHECK ("copil_packs"."scope_type" in ('portfolio', 'program', 'project')),
	CONSTRAINT "copil_packs_format_check" CHECK ("copil_packs"."format" in ('pdf', 'pptx', 'docx')),
	CONSTRAINT "copil_packs_language_check" CHECK ("copil_packs"."language" in ('fr', 'en')),
	CONSTRAINT "copil_packs_state_check" CHECK ("copil_packs"."state" in ('queued', 'running', 'done', 'failed')),
	CONSTRAINT "copil_packs_progress_check" CHECK ("copil_packs"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "copil_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"subtitle" text DEFAULT '' NOT NULL,
	"sections" jsonb NOT NULL,
	"accent_color" text DEFAULT '#1C5D99' NOT NULL,
	"footer" text DEFAULT '' NOT NULL,
	"confidentiality" text DEFAULT '' NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	CONSTRAINT "copil_templates_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "report_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"run_on" date NOT NULL,
	"recipient" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"file_name" text,
	"message_id" text,
	"next_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_deliveries_state" CHECK ("report_deliveries"."state" in ('sent', 'retrying', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "report_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recipient_user_id" uuid,
	"recipient_email" text,
	"content" text NOT NULL,
	"scope_type" text NOT NULL,
	"scope_id" uuid NOT NULL,
	"template_id" uuid,
	"format" text NOT NULL,
	"language" text NOT NULL,
	"frequency" text NOT NULL,
	"day" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"next_run_on" date NOT NULL,
	"last_run_on" date,
	"created_by" uuid,
	CONSTRAINT "report_subscriptions_recipient" CHECK (("report_subscriptions"."recipient_user_id" is null) <> ("report_subscriptions"."recipient_email" is null)),
	CONSTRAINT "report_subscriptions_content" CHECK ("report_subscriptions"."content" in ('copil_pack', 'portfolio_status')),
	CONSTRAINT "report_subscriptions_frequency" CHECK ("report_subscriptions"."frequency" in ('weekly', 'monthly')),
	CONSTRAINT "report_subscriptions_format" CHECK ("report_subscriptions"."format" in ('pdf', 'pptx', 'docx', 'xlsx', 'csv'))
);
--> statement-breakpoint
CREATE TABLE "smtp_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"host" text NOT NULL,
	"port" integer NOT NULL,
	"secure" boolean DEFAULT false NOT NULL,
	"username" text DEFAULT '' NOT NULL,
	"password" text DEFAULT '' NOT NULL,
	"from_address" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "smtp_settings_single" CHECK ("smtp_settings"."id" = 1),
	CONSTRAINT "smtp_settings_port" CHECK ("smtp_settings"."port" between 1 and 65535)
);
--> statement-breakpoint
ALTER TABLE "copil_packs" ADD CONSTRAINT "copil_packs_template_id_copil_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."copil_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copil_packs" ADD CONSTRAINT "copil_packs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_deliveries" ADD CONSTRAINT "report_deliveries_subscription_id_report_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."report_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_template_id_copil_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."copil_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "copil_packs_created_idx" ON "copil_packs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "report_deliveries_sub_idx" ON "report_deliveries" USING btree ("subscription_id","created_at");--> statement-breakpoint
CREATE INDEX "report_deliveries_retry_idx" ON "report_deliveries" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "report_subscriptions_due_idx" ON "report_subscriptions" USING btree ("active","next_run_on");