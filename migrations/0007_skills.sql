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
ALTER TABLE "training_cost_postings" ADD CONSTRAINT "training_cost_postings_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_cost_postings" ADD CONSTRAINT "training_cost_postings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_cost_postings" ADD CONSTRAINT "training_cost_postings_line_id_budget_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."budget_lines"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_cost_postings" ADD CONSTRAINT "training_cost_postings_purchase_order_id_purchase_orders_id_fk" FOREIGN KEY ("purchase_order_id") REFERENCES "public"."purchase_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_cost_postings" ADD CONSTRAINT "training_cost_postings_actual_cost_id_actual_costs_id_fk" FOREIGN KEY ("actual_cost_id") REFERENCES "public"."actual_costs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "training_cost_postings_session_key" ON "training_cost_postings" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "training_cost_postings_project_idx" ON "training_cost_postings" USING btree ("project_id");