CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"entity_type" text,
	"entity_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "time_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "time_activities_kind" CHECK ("time_activities"."kind" in ('absence', 'training', 'internal', 'support'))
);
--> statement-breakpoint
CREATE TABLE "time_locks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"locked_by_id" uuid,
	"locked_by_name" text,
	"locked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_locks_order" CHECK ("time_locks"."from_date" <= "time_locks"."to_date")
);
--> statement-breakpoint
CREATE TABLE "time_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"max_day_centi" integer NOT NULL,
	"max_week_centi" integer NOT NULL,
	"approver_policy" text NOT NULL,
	"late_after_days" integer NOT NULL,
	"reminders_enabled" boolean NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_settings_single" CHECK ("time_settings"."id" = 1),
	CONSTRAINT "time_settings_policy" CHECK ("time_settings"."approver_policy" in ('resource_manager', 'project_manager'))
);
--> statement-breakpoint
CREATE TABLE "timesheet_entries" (
	"line_id" uuid NOT NULL,
	"date" date NOT NULL,
	"centi" integer NOT NULL,
	CONSTRAINT "timesheet_entries_line_id_date_pk" PRIMARY KEY("line_id","date"),
	CONSTRAINT "timesheet_entries_centi" CHECK ("timesheet_entries"."centi" > 0 and "timesheet_entries"."centi" <= 2400)
);
--> statement-breakpoint
CREATE TABLE "timesheet_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"timesheet_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"project_id" uuid,
	"task_id" uuid,
	"activity_id" uuid,
	"approval" text DEFAULT 'pending' NOT NULL,
	"decided_by_id" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"comment" text,
	CONSTRAINT "timesheet_lines_target" CHECK (("timesheet_lines"."project_id" is null) <> ("timesheet_lines"."activity_id" is null)),
	CONSTRAINT "timesheet_lines_approval" CHECK ("timesheet_lines"."approval" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "timesheets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"person_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"comment" text,
	CONSTRAINT "timesheets_status" CHECK ("timesheets"."status" in ('draft', 'submitted', 'approved', 'rejected')),
	CONSTRAINT "timesheets_monday" CHECK (extract(isodow from "timesheets"."week_start") = 1)
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_locks" ADD CONSTRAINT "time_locks_locked_by_id_users_id_fk" FOREIGN KEY ("locked_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheet_entries" ADD CONSTRAINT "timesheet_entries_line_id_timesheet_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."timesheet_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheet_lines" ADD CONSTRAINT "timesheet_lines_timesheet_id_timesheets_id_fk" FOREIGN KEY ("timesheet_id") REFERENCES "public"."timesheets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheet_lines" ADD CONSTRAINT "timesheet_lines_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheet_lines" ADD CONSTRAINT "timesheet_lines_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheet_lines" ADD CONSTRAINT "timesheet_lines_activity_id_time_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."time_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheet_lines" ADD CONSTRAINT "timesheet_lines_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheets" ADD CONSTRAINT "timesheets_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "time_activities_code_key" ON "time_activities" USING btree ("code");--> statement-breakpoint
CREATE INDEX "time_locks_range_idx" ON "time_locks" USING btree ("from_date","to_date");--> statement-breakpoint
CREATE INDEX "timesheet_entries_date_idx" ON "timesheet_entries" USING btree ("date");--> statement-breakpoint
CREATE INDEX "timesheet_lines_sheet_idx" ON "timesheet_lines" USING btree ("timesheet_id","position");--> statement-breakpoint
CREATE INDEX "timesheet_lines_project_idx" ON "timesheet_lines" USING btree ("project_id","approval");--> statement-breakpoint
CREATE INDEX "timesheet_lines_task_idx" ON "timesheet_lines" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "timesheets_person_week_key" ON "timesheets" USING btree ("person_id","week_start");--> statement-breakpoint
CREATE INDEX "timesheets_status_idx" ON "timesheets" USING btree ("status","week_start");