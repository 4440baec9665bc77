CREATE TABLE "gov_deliverables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"phase_key" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"owner_id" uuid,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	CONSTRAINT "gov_deliverables_key" UNIQUE("project_id","key"),
	CONSTRAINT "gov_deliverables_status_check" CHECK ("gov_deliverables"."status" in ('draft', 'submitted', 'approved'))
);
--> statement-breakpoint
CREATE TABLE "gov_gate_checks" (
	"project_id" uuid NOT NULL,
	"phase_key" text NOT NULL,
	"criterion_key" text NOT NULL,
	"checked_by" text,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gov_gate_checks_project_id_phase_key_criterion_key_pk" PRIMARY KEY("project_id","phase_key","criterion_key")
);
--> statement-breakpoint
CREATE TABLE "gov_gate_conditions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decision_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner_id" uuid,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "gov_gate_conditions_status_check" CHECK ("gov_gate_conditions"."status" in ('open', 'done'))
);
--> statement-breakpoint
CREATE TABLE "gov_gate_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"phase_key" text NOT NULL,
	"phase_name" text NOT NULL,
	"gate_name" text NOT NULL,
	"decision" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"decided_by_id" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"readiness" jsonb NOT NULL,
	CONSTRAINT "gov_gate_decisions_decision_check" CHECK ("gov_gate_decisions"."decision" in ('go', 'go_with_conditions', 'recycle', 'hold', 'stop'))
);
--> statement-breakpoint
CREATE TABLE "gov_glossary_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"term" text NOT NULL,
	"term_en" text DEFAULT '' NOT NULL,
	"definition" text NOT NULL,
	"definition_en" text DEFAULT '' NOT NULL,
	"example" text DEFAULT '' NOT NULL,
	"category" text DEFAULT 'general' NOT NULL,
	CONSTRAINT "gov_glossary_terms_term_key" UNIQUE("term")
);
--> statement-breakpoint
CREATE TABLE "gov_methodologies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"latest_version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "gov_methodologies_code_key" UNIQUE("code"),
	CONSTRAINT "gov_methodologies_kind_check" CHECK ("gov_methodologies"."kind" in ('waterfall', 'agile', 'hybrid'))
);
--> statement-breakpoint
CREATE TABLE "gov_methodology_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"methodology_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"content" jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gov_methodology_versions_number_key" UNIQUE("methodology_id","number")
);
--> statement-breakpoint
CREATE TABLE "gov_project_lifecycles" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"methodology_version_id" uuid NOT NULL,
	"current_phase_key" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gov_project_lifecycles_status_check" CHECK ("gov_project_lifecycles"."status" in ('active', 'on_hold', 'stopped', 'completed'))
);
--> statement-breakpoint
CREATE TABLE "gov_raci_matrices" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"columns" jsonb NOT NULL,
	"rows" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gov_deliverables" ADD CONSTRAINT "gov_deliverables_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_deliverables" ADD CONSTRAINT "gov_deliverables_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_gate_checks" ADD CONSTRAINT "gov_gate_checks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_gate_conditions" ADD CONSTRAINT "gov_gate_conditions_decision_id_gov_gate_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."gov_gate_decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_gate_conditions" ADD CONSTRAINT "gov_gate_conditions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_gate_conditions" ADD CONSTRAINT "gov_gate_conditions_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_gate_decisions" ADD CONSTRAINT "gov_gate_decisions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_gate_decisions" ADD CONSTRAINT "gov_gate_decisions_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_methodology_versions" ADD CONSTRAINT "gov_methodology_versions_methodology_id_gov_methodologies_id_fk" FOREIGN KEY ("methodology_id") REFERENCES "public"."gov_methodologies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_lifecycles" ADD CONSTRAINT "gov_project_lifecycles_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_lifecycles" ADD CONSTRAINT "gov_project_lifecycles_methodology_version_id_gov_methodology_versions_id_fk" FOREIGN KEY ("methodology_version_id") REFERENCES "public"."gov_methodology_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_raci_matrices" ADD CONSTRAINT "gov_raci_matrices_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gov_gate_conditions_decision_idx" ON "gov_gate_conditions" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "gov_gate_conditions_project_idx" ON "gov_gate_conditions" USING btree ("project_id","status");--> statement-breakpoint
CREATE INDEX "gov_gate_decisions_project_idx" ON "gov_gate_decisions" USING btree ("project_id","decided_at");--> statement-breakpoint
CREATE INDEX "gov_gate_decisions_at_idx" ON "gov_gate_decisions" USING btree ("decided_at","id");--> statement-breakpoint
CREATE INDEX "gov_project_lifecycles_version_idx" ON "gov_project_lifecycles" USING btree ("methodology_version_id");