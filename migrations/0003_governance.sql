CREATE TABLE "gov_corrective_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finding_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner_id" uuid,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'todo' NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "gov_corrective_actions_status_check" CHECK ("gov_corrective_actions"."status" in ('todo', 'in_progress', 'done'))
);
--> statement-breakpoint
CREATE TABLE "gov_quality_audits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"checklist_id" uuid,
	"checklist_name" text NOT NULL,
	"auditor_id" uuid,
	"planned_date" date NOT NULL,
	"completed_on" date,
	"items" jsonb NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	CONSTRAINT "gov_quality_audits_kind_check" CHECK ("gov_quality_audits"."kind" in ('audit', 'review'))
);
--> statement-breakpoint
CREATE TABLE "gov_quality_checklists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"items" jsonb NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	CONSTRAINT "gov_quality_checklists_name_key" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "gov_quality_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"audit_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"item_key" text,
	"description" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "gov_quality_findings_severity_check" CHECK ("gov_quality_findings"."severity" in ('minor', 'major', 'critical')),
	CONSTRAINT "gov_quality_findings_status_check" CHECK ("gov_quality_findings"."status" in ('open', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "gov_corrective_actions" ADD CONSTRAINT "gov_corrective_actions_finding_id_gov_quality_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."gov_quality_findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_corrective_actions" ADD CONSTRAINT "gov_corrective_actions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_corrective_actions" ADD CONSTRAINT "gov_corrective_actions_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_quality_audits" ADD CONSTRAINT "gov_quality_audits_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_quality_audits" ADD CONSTRAINT "gov_quality_audits_checklist_id_gov_quality_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."gov_quality_checklists"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_quality_audits" ADD CONSTRAINT "gov_quality_audits_auditor_id_people_id_fk" FOREIGN KEY ("auditor_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_quality_findings" ADD CONSTRAINT "gov_quality_findings_audit_id_gov_quality_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."gov_quality_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_quality_findings" ADD CONSTRAINT "gov_quality_findings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gov_corrective_actions_finding_idx" ON "gov_corrective_actions" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "gov_corrective_actions_due_idx" ON "gov_corrective_actions" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "gov_quality_audits_project_idx" ON "gov_quality_audits" USING btree ("project_id","planned_date");--> statement-breakpoint
CREATE INDEX "gov_quality_findings_audit_idx" ON "gov_quality_findings" USING btree ("audit_id");--> statement-breakpoint
CREATE INDEX "gov_quality_findings_status_idx" ON "gov_quality_findings" USING btree ("status","project_id");