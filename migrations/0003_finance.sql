CREATE TABLE "finance_line_budgets" (
	"line_id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"budget" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finance_line_months" (
	"line_key" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"month" date NOT NULL,
	"actual" bigint NOT NULL,
	"actual_to_date" bigint NOT NULL,
	CONSTRAINT "finance_line_months_line_key_month_pk" PRIMARY KEY("line_key","month")
);
--> statement-breakpoint
ALTER TABLE "finance_line_budgets" ADD CONSTRAINT "finance_line_budgets_line_id_budget_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."budget_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_line_budgets" ADD CONSTRAINT "finance_line_budgets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_line_months" ADD CONSTRAINT "finance_line_months_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "finance_line_budgets_project_idx" ON "finance_line_budgets" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "finance_line_months_project_idx" ON "finance_line_months" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "actual_costs_date_idx" ON "actual_costs" USING btree ("date");--> statement-breakpoint
CREATE INDEX "actual_costs_labour_idx" ON "actual_costs" USING btree ("created_at") WHERE "actual_costs"."source" = 'labour';