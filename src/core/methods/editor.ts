import type { MethodologyContent, WbsTemplateTask } from '../governance/model.ts';

/**
 * Helpers of the structured methodology editor: keys derived from names (so a PMO never types
 * one), and the list of what a new version changes compared with the one it replaces (shown
 * before publishing, so nobody publishes a change by accident).
 */

const MAX_KEY = 40;

/** A key from a name: lowercase ASCII, digits and dashes, unique among `taken` (suffix -2, -3…). */
export function slugKey(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, MAX_KEY)
      .replace(/-+$/g, '') || 'item';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = base.slice(0, MAX_KEY - suffix.length).replace(/-+$/g, '') + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Gives a key to every phase, deliverable and criterion that has none, keeping existing keys
 * (projects on earlier versions refer to them). Deliverable keys are unique across the method,
 * criterion keys within their gate.
 */
export function assignKeys(content: MethodologyContent): MethodologyContent {
  const phaseKeys = new Set(content.phases.map((p) => p.key).filter(Boolean));
  const deliverableKeys = new Set(
    content.phases.flatMap((p) => p.deliverables.map((d) => d.key)).filter(Boolean),
  );
  const phases = content.phases.map((p) => {
    let key = p.key;
    if (!key) {
      key = slugKey(p.name, phaseKeys);
      phaseKeys.add(key);
    }
    const deliverables = p.deliverables.map((d) => {
      if (d.key) return d;
      const k = slugKey(d.name, deliverableKeys);
      deliverableKeys.add(k);
      return { ...d, key: k };
    });
    let gate = p.gate;
    if (gate) {
      const criterionKeys = new Set(gate.criteria.map((c) => c.key).filter(Boolean));
      gate = {
        ...gate,
        criteria: gate.criteria.map((c) => {
          if (c.key) return c;
          const k = slugKey(c.label, criterionKeys);
          criterionKeys.add(k);
          return { ...c, key: k };
        }),
      };
    }
    return { ...p, key, deliverables, gate };
  });
  return withWbsKeys({ ...content, phases });
}

/**
 * Gives every WBS item of a method its stable key: its own if it has one, else one derived
 * from its phase key and its outline path of names (`realisation/developpement/lot-1`), made
 * unique in the method with a suffix. Deterministic, so a version published before keys
 * existed gets the same keys each time it is read; the editor gives them on load, so a rename
 * keeps the key and a version move does not take the renamed item for a new one.
 */
export function withWbsKeys(content: MethodologyContent): MethodologyContent {
  const taken = new Set<string>();
  const collect = (ts: readonly WbsTemplateTask[]) =>
    ts.forEach((t) => {
      if (t.key) taken.add(t.key);
      collect(t.children);
    });
  content.phases.forEach((p) => collect(p.wbs));
  const give = (ts: readonly WbsTemplateTask[], prefix: string): WbsTemplateTask[] =>
    ts.map((t) => {
      const path = `${prefix}/${slugKey(t.name, new Set())}`;
      let key = t.key;
      if (!key) {
        key = path;
        for (let n = 2; taken.has(key); n++) key = `${path}-${n}`;
        taken.add(key);
      }
      return { ...t, key, children: give(t.children, path) };
    });
  return { ...content, phases: content.phases.map((p) => ({ ...p, wbs: give(p.wbs, p.key) })) };
}

export type VersionChange =
  | { kind: 'phase_added' | 'phase_removed'; phase: string }
  | { kind: 'phase_renamed'; phase: string; from: string }
  | { kind: 'deliverable_added' | 'deliverable_removed'; phase: string; name: string }
  | { kind: 'deliverable_required' | 'deliverable_optional'; phase: string; name: string }
  | { kind: 'gate_added' | 'gate_removed' | 'gate_changed'; phase: string }
  | { kind: 'wbs_changed'; phase: string; before: number; after: number }
  | {
      kind: 'role_added' | 'role_removed' | 'document_added' | 'document_removed';
      name: string;
    }
  | { kind: 'ceremony_added' | 'ceremony_removed'; name: string }
  | { kind: 'phases_reordered' };

function countTasks(tasks: readonly { children: readonly unknown[] }[]): number {
  let n = 0;
  for (const t of tasks)
    n += 1 + countTasks(t.children as readonly { children: readonly unknown[] }[]);
  return n;
}

function setDiff(before: readonly string[], after: readonly string[]) {
  const b = new Set(before);
  const a = new Set(after);
  return {
    added: after.filter((x) => !b.has(x)),
    removed: before.filter((x) => !a.has(x)),
  };
}

/** What `next` changes compared with `prev`, phase by phase then the company-wide lists. */
export function versionChanges(
  prevRaw: MethodologyContent,
  nextRaw: MethodologyContent,
): VersionChange[] {
  // Keys derived for an older version's WBS are not a change.
  const prev = withWbsKeys(prevRaw);
  const next = withWbsKeys(nextRaw);
  const out: VersionChange[] = [];
  const prevByKey = new Map(prev.phases.map((p) => [p.key, p]));
  const nextKeys = new Set(next.phases.map((p) => p.key));
  for (const p of next.phases) {
    const before = prevByKey.get(p.key);
    if (!before) {
      out.push({ kind: 'phase_added', phase: p.name });
      continue;
    }
    if (before.name !== p.name)
      out.push({ kind: 'phase_renamed', phase: p.name, from: before.name });
    const prevDel = new Map(before.deliverables.map((d) => [d.key, d]));
    const nextDel = new Set(p.deliverables.map((d) => d.key));
    for (const d of p.deliverables) {
      const was = prevDel.get(d.key);
      if (!was) out.push({ kind: 'deliverable_added', phase: p.name, name: d.name });
      else if (was.required !== d.required)
        out.push({
          kind: d.required ? 'deliverable_required' : 'deliverable_optional',
          phase: p.name,
          name: d.name,
        });
    }
    for (const d of before.deliverables)
      if (!nextDel.has(d.key))
        out.push({ kind: 'deliverable_removed', phase: p.name, name: d.name });
    if (!before.gate && p.gate) out.push({ kind: 'gate_added', phase: p.name });
    else if (before.gate && !p.gate) out.push({ kind: 'gate_removed', phase: p.name });
    else if (before.gate && p.gate && JSON.stringify(before.gate) !== JSON.stringify(p.gate))
      out.push({ kind: 'gate_changed', phase: p.name });
    if (JSON.stringify(before.wbs) !== JSON.stringify(p.wbs))
      out.push({
        kind: 'wbs_changed',
        phase: p.name,
        before: countTasks(before.wbs),
        after: countTasks(p.wbs),
      });
  }
  for (const p of prev.phases)
    if (!nextKeys.has(p.key)) out.push({ kind: 'phase_removed', phase: p.name });
  const kept = next.phases.map((p) => p.key).filter((k) => prevByKey.has(k));
  const keptBefore = prev.phases.map((p) => p.key).filter((k) => nextKeys.has(k));
  if (kept.join('\u0000') !== keptBefore.join('\u0000')) out.push({ kind: 'phases_reordered' });
  const roles = setDiff(
    prev.roles.map((r) => r.name),
    next.roles.map((r) => r.name),
  );
  for (const name of roles.added) out.push({ kind: 'role_added', name });
  for (const name of roles.removed) out.push({ kind: 'role_removed', name });
  const docs = setDiff(prev.documents, next.documents);
  for (const name of docs.added) out.push({ kind: 'document_added', name });
  for (const name of docs.removed) out.push({ kind: 'document_removed', name });
  const cer = setDiff(
    prev.ceremonies.map((c) => c.name),
    next.ceremonies.map((c) => c.name),
  );
  for (const name of cer.added) out.push({ kind: 'ceremony_added', name });
  for (const name of cer.removed) out.push({ kind: 'ceremony_removed', name });
  return out;
}
