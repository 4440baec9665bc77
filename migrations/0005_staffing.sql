CREATE TABLE "development_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"person_id" uuid NOT NULL,
	"skill_id" uuid NOT NULL,
	"target_level" integer NOT NULL,
	"due_on" date NOT NULL,
	"course_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "development_goals_level_check" CHECK ("development_goals"."target_level" between 1 and 5),
	CONSTRAINT "development_goals_status_check" CHECK ("development_goals"."status" in ('planned', 'in_progress', 'done', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"provider" text DEFAULT '' NOT NULL,
	"skill_id" uuid NOT NULL,
	"target_level" integer NOT NULL,
	"duration_hours" double precision NOT NULL,
	"cost_minor" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"format" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	CONSTRAINT "training_courses_level_check" CHECK ("training_courses"."target_level" between 1 and 5),
	CONSTRAINT "training_courses_duration_check" CHECK ("training_courses"."duration_hours" > 0),
	CONSTRAINT "training_courses_cost_check" CHECK ("training_courses"."cost_minor" >= 0),
	CONSTRAINT "training_courses_format_check" CHECK ("training_courses"."format" in ('presentiel', 'distanciel', 'elearning', 'mixte'))
);
--> statement-breakpoint
CREATE TABLE "training_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"session_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"evaluation" integer,
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "training_enrolments_status_check" CHECK ("training_enrolments"."status" in ('requested', 'approved', 'attended', 'completed', 'rejected', 'cancelled')),
	CONSTRAINT "training_enrolments_evaluation_check" CHECK ("training_enrolments"."evaluation" is null or "training_enrolments"."evaluation" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"course_id" uuid NOT NULL,
	"start" date NOT NULL,
	"finish" date NOT NULL,
	"seats" integer NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	CONSTRAINT "training_sessions_period_check" CHECK ("training_sessions"."finish" >= "training_sessions"."start"),
	CONSTRAINT "training_sessions_seats_check" CHECK ("training_sessions"."seats" > 0),
	CONSTRAINT "training_sessions_status_check" CHECK ("training_sessions"."status" in ('planned', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "development_goals" ADD CONSTRAINT "development_goals_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_goals" ADD CONSTRAINT "development_goals_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_goals" ADD CONSTRAINT "development_goals_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_courses" ADD CONSTRAINT "training_courses_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "development_goals_person_idx" ON "development_goals" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_courses_code_key" ON "training_courses" USING btree ("code");--> statement-breakpoint
CREATE INDEX "training_courses_skill_idx" ON "training_courses" USING btree ("skill_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_enrolments_session_person_key" ON "training_enrolments" USING btree ("session_id","person_id");--> statement-breakpoint
CREATE INDEX "training_enrolments_person_idx" ON "training_enrolments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "training_sessions_course_idx" ON "training_sessions" USING btree ("course_id","start");