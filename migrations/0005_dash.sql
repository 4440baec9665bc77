CREATE TABLE "dash_project_snapshots" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"metrics" jsonb NOT NULL,
	"alignment" double precision,
	CONSTRAINT "dash_project_snapshots_alignment_check" CHECK ("dash_project_snapshots"."alignment" is null or "dash_project_snapshots"."alignment" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "dash_project_snapshots" ADD CONSTRAINT "dash_project_snapshots_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dash_project_snapshots_computed_idx" ON "dash_project_snapshots" USING btree ("computed_at");