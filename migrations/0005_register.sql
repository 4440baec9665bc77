ALTER TABLE "risks" DROP CONSTRAINT "risks_scope_check";--> statement-breakpoint
ALTER TABLE "risks" ADD COLUMN "portfolio_id" uuid;--> statement-breakpoint
ALTER TABLE "risks" ADD COLUMN "escalation_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "risks_portfolio_number_key" ON "risks" USING btree ("portfolio_id","number") WHERE "risks"."project_id" is null and "risks"."program_id" is null;--> statement-breakpoint
CREATE INDEX "risks_portfolio_idx" ON "risks" USING btree ("portfolio_id","status","score");--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_scope_check" CHECK ("risks"."project_id" is not null or "risks"."program_id" is not null or "risks"."portfolio_id" is not null);