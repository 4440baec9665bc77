DROP INDEX "risks_heat_idx";--> statement-breakpoint
DROP INDEX "risks_residual_cell_idx";--> statement-breakpoint
CREATE INDEX "risks_cell_idx" ON "risks" USING btree ("probability","impact","score" desc nulls last,"id");--> statement-breakpoint
CREATE INDEX "risks_emv_idx" ON "risks" USING btree ("emv_cents" desc nulls last,"id");--> statement-breakpoint
CREATE INDEX "risks_proximity_idx" ON "risks" USING btree ("proximity" asc nulls last,"id");--> statement-breakpoint
CREATE INDEX "risks_heat_idx" ON "risks" USING btree ("status","probability","impact","kind","emv_cents","contingency_cents","residual_probability","residual_impact","project_id","program_id","portfolio_id");--> statement-breakpoint
CREATE INDEX "risks_residual_cell_idx" ON "risks" USING btree (coalesce("residual_probability", "probability"),coalesce("residual_impact", "impact"),"score" desc nulls last,"id");