CREATE TABLE "resource_team_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"team_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"start" date NOT NULL,
	"finish" date,
	CONSTRAINT "resource_team_members_dates_check" CHECK ("resource_team_members"."finish" is null or "resource_team_members"."finish" >= "resource_team_members"."start")
);
--> statement-breakpoint
ALTER TABLE "resource_team_members" ADD CONSTRAINT "resource_team_members_team_id_resource_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."resource_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_team_members" ADD CONSTRAINT "resource_team_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resource_team_members_team_idx" ON "resource_team_members" USING btree ("team_id","start");--> statement-breakpoint
CREATE INDEX "resource_team_members_person_idx" ON "resource_team_members" USING btree ("person_id","start");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_team_members_start_key" ON "resource_team_members" USING btree ("team_id","person_id","start");