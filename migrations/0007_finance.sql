CREATE TABLE "finance_line_series" (
	"line_key" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"first_month" date NOT NULL,
	"to_date" bigint[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "finance_line_series" ADD CONSTRAINT "finance_line_series_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "finance_line_series_project_idx" ON "finance_line_series" USING btree ("project_id");