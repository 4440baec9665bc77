CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_baseline_tasks" (
	"baseline_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"name" text NOT NULL,
	"is_summary" boolean NOT NULL,
	"start" date,
	"finish" date,
	"span" integer NOT NULL,
	CONSTRAINT "plan_baseline_tasks_baseline_id_task_id_pk" PRIMARY KEY("baseline_id","task_id")
);
--> statement-breakpoint
CREATE TABLE "plan_baselines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text,
	"project_finish" date,
	"task_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"from_project_id" uuid NOT NULL,
	"from_task_id" uuid NOT NULL,
	"to_task_id" uuid NOT NULL,
	"type" text NOT NULL,
	"lag" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_milestone_snapshots" (
	"project_id" uuid NOT NULL,
	"status_date" date NOT NULL,
	"task_id" uuid NOT NULL,
	"name" text NOT NULL,
	"date" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_milestone_snapshots_project_id_status_date_task_id_pk" PRIMARY KEY("project_id","status_date","task_id")
);
--> statement-breakpoint
CREATE TABLE "plan_settings" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"start" date NOT NULL,
	"status_date" date,
	"calendar" jsonb NOT NULL,
	"project_start" date,
	"project_finish" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"parent_id" uuid,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"duration" integer DEFAULT 1 NOT NULL,
	"constraint_type" text,
	"constraint_date" date,
	"deadline" date,
	"owner_id" uuid,
	"notes" text DEFAULT '' NOT NULL,
	"percent_complete" double precision DEFAULT 0 NOT NULL,
	"actual_start" date,
	"actual_finish" date,
	"wbs" text DEFAULT '' NOT NULL,
	"level" integer DEFAULT 0 NOT NULL,
	"is_summary" boolean DEFAULT false NOT NULL,
	"span" integer DEFAULT 0 NOT NULL,
	"start" date,
	"finish" date,
	"late_start" date,
	"late_finish" date,
	"total_float" integer,
	"free_float" integer,
	"critical" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_baseline_tasks" ADD CONSTRAINT "plan_baseline_tasks_baseline_id_plan_baselines_id_fk" FOREIGN KEY ("baseline_id") REFERENCES "public"."plan_baselines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_baselines" ADD CONSTRAINT "plan_baselines_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_baselines" ADD CONSTRAINT "plan_baselines_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_links" ADD CONSTRAINT "plan_links_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_links" ADD CONSTRAINT "plan_links_from_project_id_projects_id_fk" FOREIGN KEY ("from_project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_links" ADD CONSTRAINT "plan_links_from_task_id_plan_tasks_id_fk" FOREIGN KEY ("from_task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_links" ADD CONSTRAINT "plan_links_to_task_id_plan_tasks_id_fk" FOREIGN KEY ("to_task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestone_snapshots" ADD CONSTRAINT "plan_milestone_snapshots_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_settings" ADD CONSTRAINT "plan_settings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_parent_id_plan_tasks_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_key" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "plan_baselines_project_idx" ON "plan_baselines" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_links_pair_key" ON "plan_links" USING btree ("from_task_id","to_task_id");--> statement-breakpoint
CREATE INDEX "plan_links_project_idx" ON "plan_links" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "plan_links_from_project_idx" ON "plan_links" USING btree ("from_project_id","project_id");--> statement-breakpoint
CREATE INDEX "plan_links_to_idx" ON "plan_links" USING btree ("to_task_id");--> statement-breakpoint
CREATE INDEX "plan_tasks_project_idx" ON "plan_tasks" USING btree ("project_id","parent_id","position");--> statement-breakpoint
CREATE INDEX "plan_tasks_parent_idx" ON "plan_tasks" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "plan_tasks_owner_idx" ON "plan_tasks" USING btree ("owner_id");