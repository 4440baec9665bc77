import enBase from './en.json';
import frBase from './fr.json';

/*
 * The translations: `fr.json` / `en.json` hold the shell and the first modules; every later
 * module brings its own `<module>.fr.json` / `<module>.en.json` next to them (its own top-level
 * key, plus its `errors.*` codes), deep-merged here, so modules never edit the same file.
 */
type Messages = { [key: string]: string | Messages };

const frModules = import.meta.glob<Messages>('./*.fr.json', { eager: true, import: 'default' });
const enModules = import.meta.glob<Messages>('./*.en.json', { eager: true, import: 'default' });

function deepMerge(target: Messages, source: Messages): Messages {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === 'object' && typeof existing === 'object') deepMerge(existing, value);
    else target[key] = typeof value === 'object' ? deepMerge({}, value) : value;
  }
  return target;
}

function build(base: Messages, modules: Record<string, Messages>): Messages {
  const out = deepMerge({}, base);
  for (const path of Object.keys(modules).sort()) deepMerge(out, modules[path]!);
  return out;
}

export const fr = build(frBase, frModules);
export const en = build(enBase, enModules);
