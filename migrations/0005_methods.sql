CREATE TABLE "gov_lessons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"phase_key" text,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"recommendation" text DEFAULT '' NOT NULL,
	"tags" jsonb NOT NULL,
	"author_id" uuid,
	"author_name" text,
	CONSTRAINT "gov_lessons_kind_check" CHECK ("gov_lessons"."kind" in ('worked', 'improve')),
	CONSTRAINT "gov_lessons_category_check" CHECK ("gov_lessons"."category" in ('planning', 'scope', 'budget', 'risk', 'quality', 'communication', 'governance', 'resources', 'supplier', 'technical'))
);
--> statement-breakpoint
CREATE TABLE "gov_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"owner_id" uuid,
	"latest_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "gov_policies_code_key" UNIQUE("code"),
	CONSTRAINT "gov_policies_category_check" CHECK ("gov_policies"."category" in ('governance', 'project', 'finance', 'risk', 'quality', 'security', 'hr'))
);
--> statement-breakpoint
CREATE TABLE "gov_policy_acknowledgements" (
	"version_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"user_name" text NOT NULL,
	"acknowledged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gov_policy_acknowledgements_version_id_user_id_pk" PRIMARY KEY("version_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "gov_policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"body" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"effective_on" date NOT NULL,
	"published_by_id" uuid,
	"published_by_name" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gov_policy_versions_number_key" UNIQUE("policy_id","number")
);
--> statement-breakpoint
CREATE TABLE "gov_role_descriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL,
	"mission" text DEFAULT '' NOT NULL,
	"responsibilities" jsonb NOT NULL,
	"raci_labels" jsonb NOT NULL,
	CONSTRAINT "gov_role_descriptions_name_key" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "gov_lessons" ADD CONSTRAINT "gov_lessons_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_lessons" ADD CONSTRAINT "gov_lessons_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_policies" ADD CONSTRAINT "gov_policies_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_policy_acknowledgements" ADD CONSTRAINT "gov_policy_acknowledgements_version_id_gov_policy_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."gov_policy_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_policy_acknowledgements" ADD CONSTRAINT "gov_policy_acknowledgements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_policy_versions" ADD CONSTRAINT "gov_policy_versions_policy_id_gov_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."gov_policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_policy_versions" ADD CONSTRAINT "gov_policy_versions_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gov_lessons_project_idx" ON "gov_lessons" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "gov_lessons_updated_idx" ON "gov_lessons" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "gov_policy_ack_user_idx" ON "gov_policy_acknowledgements" USING btree ("user_id");