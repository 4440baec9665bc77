CREATE TABLE "person_skills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"person_id" uuid NOT NULL,
	"skill_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"assessed_on" date NOT NULL,
	"source" text NOT NULL,
	"certification" text DEFAULT '' NOT NULL,
	"expires_on" date,
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "person_skills_level_check" CHECK ("person_skills"."level" between 1 and 5),
	CONSTRAINT "person_skills_source_check" CHECK ("person_skills"."source" in ('self', 'manager', 'certification', 'training')),
	CONSTRAINT "person_skills_expiry_check" CHECK ("person_skills"."expires_on" is null or "person_skills"."expires_on" >= "person_skills"."assessed_on")
);
--> statement-breakpoint
CREATE TABLE "skill_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skill_levels" (
	"level" integer PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "skill_levels_level_check" CHECK ("skill_levels"."level" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"category_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_request_allocations" (
	"request_id" uuid NOT NULL,
	"allocation_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"role_id" uuid,
	"person_id" uuid,
	"skills" jsonb NOT NULL,
	"start" date NOT NULL,
	"finish" date NOT NULL,
	"unit" text NOT NULL,
	"amount" double precision NOT NULL,
	"priority" text DEFAULT 'medium' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"answer" text DEFAULT '' NOT NULL,
	"requested_by" uuid,
	CONSTRAINT "resource_requests_period_check" CHECK ("resource_requests"."finish" >= "resource_requests"."start"),
	CONSTRAINT "resource_requests_unit_check" CHECK ("resource_requests"."unit" in ('hours', 'fte')),
	CONSTRAINT "resource_requests_amount_check" CHECK ("resource_requests"."amount" > 0),
	CONSTRAINT "resource_requests_priority_check" CHECK ("resource_requests"."priority" in ('low', 'medium', 'high', 'critical')),
	CONSTRAINT "resource_requests_status_check" CHECK ("resource_requests"."status" in ('draft', 'submitted', 'partially_staffed', 'staffed', 'rejected', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "person_skills" ADD CONSTRAINT "person_skills_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_skills" ADD CONSTRAINT "person_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills" ADD CONSTRAINT "skills_category_id_skill_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."skill_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_request_allocations" ADD CONSTRAINT "resource_request_allocations_request_id_resource_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."resource_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_request_allocations" ADD CONSTRAINT "resource_request_allocations_allocation_id_resource_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."resource_allocations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_requests" ADD CONSTRAINT "resource_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_requests" ADD CONSTRAINT "resource_requests_role_id_resource_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."resource_roles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_requests" ADD CONSTRAINT "resource_requests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_requests" ADD CONSTRAINT "resource_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "person_skills_person_skill_key" ON "person_skills" USING btree ("person_id","skill_id");--> statement-breakpoint
CREATE INDEX "person_skills_skill_idx" ON "person_skills" USING btree ("skill_id","level");--> statement-breakpoint
CREATE UNIQUE INDEX "skill_categories_code_key" ON "skill_categories" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "skills_code_key" ON "skills" USING btree ("code");--> statement-breakpoint
CREATE INDEX "skills_category_idx" ON "skills" USING btree ("category_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_request_allocations_key" ON "resource_request_allocations" USING btree ("allocation_id");--> statement-breakpoint
CREATE INDEX "resource_request_allocations_request_idx" ON "resource_request_allocations" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "resource_requests_project_idx" ON "resource_requests" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "resource_requests_status_idx" ON "resource_requests" USING btree ("status","start");