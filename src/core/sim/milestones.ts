import type { ProjectPlan } from '../planning/model.ts';
import type { ThreePointEstimate } from '../risks/distributions.ts';
import type { RiskEvent, SimulationInput } from '../risks/montecarlo.ts';

// The finish distribution of a milestone (or of any task): the simulation of the part of the
// plan the task waits for. The sub-plan keeps the task, every task it depends on through links
// (transitively), and their summary tasks; the estimates and risk impacts on the tasks kept.
// Its project duration T is then the finish of the chosen task whenever nothing it waits for
// ends after it, which holds for a milestone reached through finish-to-start or
// finish-to-finish links (the usual case); a predecessor linked start-to-start that ends after
// the milestone would count in T too.

/** The ids of `taskId` and of every task it depends on through links, transitively. */
export function predecessorClosure(plan: ProjectPlan, taskId: string): Set<string> {
  const preds = new Map<string, string[]>();
  for (const l of plan.links) {
    const list = preds.get(l.to);
    if (list) list.push(l.from);
    else preds.set(l.to, [l.from]);
  }
  const seen = new Set<string>([taskId]);
  const stack = [taskId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const p of preds.get(id) ?? []) {
      if (!seen.has(p)) {
        seen.add(p);
        stack.push(p);
      }
    }
  }
  return seen;
}

/** The simulation input of the part of the plan `taskId` waits for (see above). */
export function milestoneInput(input: SimulationInput, taskId: string): SimulationInput {
  const plan = input.plan;
  const keep = predecessorClosure(plan, taskId);
  const parentOf = new Map(plan.tasks.map((t) => [t.id, t.parent]));
  for (const id of [...keep]) {
    for (let p = parentOf.get(id); p !== undefined && !keep.has(p); p = parentOf.get(p)) {
      keep.add(p);
    }
  }
  const tasks = plan.tasks.filter((t) => keep.has(t.id));
  const links = plan.links.filter((l) => keep.has(l.from) && keep.has(l.to));
  const estimates = new Map<string, ThreePointEstimate>();
  for (const [id, e] of input.estimates) if (keep.has(id)) estimates.set(id, e);
  const risks: RiskEvent[] = input.risks.map((r) => ({
    ...r,
    impacts: r.impacts.filter((i) => keep.has(i.task)),
  }));
  return { plan: { ...plan, tasks, links }, estimates, risks };
}
