CREATE TABLE "resource_absences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"start" date NOT NULL,
	"finish" date NOT NULL,
	"day_fraction" double precision DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "resource_absences_period_check" CHECK ("resource_absences"."finish" >= "resource_absences"."start"),
	CONSTRAINT "resource_absences_kind_check" CHECK ("resource_absences"."kind" in ('conges', 'rtt', 'formation', 'maladie', 'autre')),
	CONSTRAINT "resource_absences_status_check" CHECK ("resource_absences"."status" in ('requested', 'approved', 'rejected', 'cancelled')),
	CONSTRAINT "resource_absences_fraction_check" CHECK ("resource_absences"."day_fraction" > 0 and "resource_absences"."day_fraction" <= 1)
);
--> statement-breakpoint
CREATE TABLE "resource_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"person_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"start" date NOT NULL,
	"finish" date NOT NULL,
	"unit" text NOT NULL,
	"amount" double precision NOT NULL,
	"status" text DEFAULT 'soft' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "resource_allocations_period_check" CHECK ("resource_allocations"."finish" >= "resource_allocations"."start"),
	CONSTRAINT "resource_allocations_unit_check" CHECK ("resource_allocations"."unit" in ('hours', 'percent')),
	CONSTRAINT "resource_allocations_status_check" CHECK ("resource_allocations"."status" in ('soft', 'hard')),
	CONSTRAINT "resource_allocations_amount_check" CHECK ("resource_allocations"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "resource_cost_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"rate_minor" bigint NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_cost_rates_rate_check" CHECK ("resource_cost_rates"."rate_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "resource_profiles" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"role_id" uuid,
	"team_id" uuid,
	"week_hours" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"default_rate_minor" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	CONSTRAINT "resource_roles_rate_check" CHECK ("resource_roles"."default_rate_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "resource_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"lead_id" uuid
);
--> statement-breakpoint
CREATE TABLE "resource_task_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"task_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"effort_hours" double precision NOT NULL,
	CONSTRAINT "resource_task_assignments_effort_check" CHECK ("resource_task_assignments"."effort_hours" >= 0)
);
--> statement-breakpoint
ALTER TABLE "resource_absences" ADD CONSTRAINT "resource_absences_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_absences" ADD CONSTRAINT "resource_absences_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_allocations" ADD CONSTRAINT "resource_allocations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_allocations" ADD CONSTRAINT "resource_allocations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_cost_rates" ADD CONSTRAINT "resource_cost_rates_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_profiles" ADD CONSTRAINT "resource_profiles_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_profiles" ADD CONSTRAINT "resource_profiles_role_id_resource_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."resource_roles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_profiles" ADD CONSTRAINT "resource_profiles_team_id_resource_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."resource_teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_teams" ADD CONSTRAINT "resource_teams_lead_id_people_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_task_assignments" ADD CONSTRAINT "resource_task_assignments_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_task_assignments" ADD CONSTRAINT "resource_task_assignments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_task_assignments" ADD CONSTRAINT "resource_task_assignments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resource_absences_person_idx" ON "resource_absences" USING btree ("person_id","start");--> statement-breakpoint
CREATE INDEX "resource_absences_period_idx" ON "resource_absences" USING btree ("start","finish");--> statement-breakpoint
CREATE INDEX "resource_allocations_person_idx" ON "resource_allocations" USING btree ("person_id","start");--> statement-breakpoint
CREATE INDEX "resource_allocations_project_idx" ON "resource_allocations" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_cost_rates_person_from_key" ON "resource_cost_rates" USING btree ("person_id","valid_from");--> statement-breakpoint
CREATE INDEX "resource_profiles_role_idx" ON "resource_profiles" USING btree ("role_id");--> statement-breakpoint
CREATE INDEX "resource_profiles_team_idx" ON "resource_profiles" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_roles_code_key" ON "resource_roles" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_teams_code_key" ON "resource_teams" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_task_assignments_task_person_key" ON "resource_task_assignments" USING btree ("task_id","person_id");--> statement-breakpoint
CREATE INDEX "resource_task_assignments_person_idx" ON "resource_task_assignments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "resource_task_assignments_project_idx" ON "resource_task_assignments" USING btree ("project_id");