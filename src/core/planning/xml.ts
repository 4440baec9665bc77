import { PlanningError } from './planning-error.ts';

/** An XML element: local name (namespace prefix dropped), attributes, children, text, line. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data of the element itself (not of its children). */
  text: string;
  /** 1-based line of the start tag. */
  line: number;
}

/** Limits of the guarded XML parser. */
export interface XmlLimits {
  /** Largest accepted document, in UTF-16 code units (default 64 Mi). */
  maxLength?: number;
  /** Deepest accepted nesting (default 64). */
  maxDepth?: number;
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/**
 * Parses an XML document already decoded to a string (UTF-8 or UTF-16 bytes are the caller's
 * business; a leading BOM is skipped) into an element tree. Guarded: refuses DOCTYPE and
 * ENTITY declarations (no entity expansion of any kind), documents over `maxLength`, nesting
 * over `maxDepth`; decodes only the five predefined entities and numeric character
 * references. Errors are PlanningErrors naming the line.
 */
export function parseXml(source: string, limits: XmlLimits = {}): XmlElement {
  const maxLength = limits.maxLength ?? 64 * 1024 * 1024;
  const maxDepth = limits.maxDepth ?? 64;
  if (source.length > maxLength) {
    throw new PlanningError(
      'FILE_TOO_LARGE',
      `the XML document is ${source.length} characters long; the limit is ${maxLength}`,
      { length: source.length, maxLength },
    );
  }
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const n = text.length;
  let line = 1;
  let counted = 0;
  /** Line of position `pos`, counting newlines incrementally (positions only move forward). */
  const lineAt = (pos: number): number => {
    for (let k = text.indexOf('\n', counted); k !== -1 && k < pos; k = text.indexOf('\n', k + 1)) {
      line++;
    }
    counted = pos;
    return line;
  };
  const fail = (pos: number, message: string): never => {
    const at = lineAt(pos);
    throw new PlanningError('INVALID_FILE', `line ${at}: ${message}`, { line: at });
  };

  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const end = lt === -1 ? n : lt;
    if (end > i) {
      const top = stack[stack.length - 1];
      if (top) {
        top.text += decodeText(text.slice(i, end), () => fail(i, 'malformed entity reference'));
      } else if (text.slice(i, end).trim() !== '') {
        fail(i, 'text outside the root element');
      }
    }
    if (lt === -1) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt + 4);
        if (close === -1) fail(lt, 'unterminated comment');
        i = close + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const close = text.indexOf(']]>', lt + 9);
        if (close === -1) fail(lt, 'unterminated CDATA section');
        const top = stack[stack.length - 1];
        if (!top) fail(lt, 'CDATA outside the root element');
        top!.text += text.slice(lt + 9, close);
        i = close + 3;
      } else {
        const at = lineAt(lt);
        throw new PlanningError(
          'UNSAFE_XML',
          `line ${at}: DOCTYPE and ENTITY declarations are refused (entity expansion attacks)`,
          { line: at },
        );
      }
    } else if (next === 0x3f /* ? */) {
      const close = text.indexOf('?>', lt + 2);
      if (close === -1) fail(lt, 'unterminated processing instruction');
      i = close + 2;
    } else if (next === 0x2f /* / */) {
      const close = text.indexOf('>', lt + 2);
      if (close === -1) fail(lt, 'unterminated end tag');
      const name = localName(text.slice(lt + 2, close).trim());
      const top = stack.pop();
      if (!top || top.name !== name) {
        fail(
          lt,
          `</${name}> does not close ${top ? `<${top.name}> (line ${top.line})` : 'any element'}`,
        );
      }
      if (top!.children.length > 0 && top!.text.trim() === '') top!.text = '';
      i = close + 1;
    } else {
      // Start tag: find '>' outside quoted attribute values.
      let j = lt + 1;
      let quote = 0;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e /* > */) break;
      }
      if (j >= n) fail(lt, 'unterminated start tag');
      const selfClosing = text.charCodeAt(j - 1) === 0x2f;
      const body = text.slice(lt + 1, selfClosing ? j - 1 : j);
      const nameMatch = /^[^\s/>]+/.exec(body);
      if (!nameMatch) fail(lt, 'malformed start tag');
      const qname = nameMatch![0];
      const element: XmlElement = {
        name: localName(qname),
        attributes: {},
        children: [],
        text: '',
        line: lineAt(lt),
      };
      const attributePattern = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
      const rest = body.slice(qname.length);
      for (let m = attributePattern.exec(rest); m; m = attributePattern.exec(rest)) {
        element.attributes[m[1]!] = decodeText(m[2] ?? m[3] ?? '', () =>
          fail(lt, 'malformed entity reference in an attribute'),
        );
      }
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) fail(lt, 'a second root element');
      else root = element;
      if (!selfClosing) {
        if (stack.length >= maxDepth) fail(lt, `elements nested deeper than ${maxDepth}`);
        stack.push(element);
      }
      i = j + 1;
    }
  }
  if (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    throw new PlanningError('INVALID_FILE', `line ${top.line}: <${top.name}> is never closed`, {
      line: top.line,
    });
  }
  if (!root) throw new PlanningError('INVALID_FILE', 'the XML document has no root element', {});
  return root;
}

/** First child element named `name`, if any. */
export function xmlChild(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const c of element.children) if (c.name === name) return c;
  return undefined;
}

/** Every child element named `name`, in document order. */
export function xmlChildren(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** Trimmed text of the first child named `name`; undefined when absent or empty. */
export function xmlText(element: XmlElement | undefined, name: string): string | undefined {
  const text = xmlChild(element, name)?.text.trim();
  return text === undefined || text === '' ? undefined : text;
}

/** Escapes text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(
      /[&<>"']/g,
      (c) =>
        `&${c === '&' ? 'amp' : c === '<' ? 'lt' : c === '>' ? 'gt' : c === '"' ? 'quot' : 'apos'};`,
    )
    .replace(
      // Characters XML 1.0 cannot carry at all.
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g,
      '',
    );
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

function decodeText(raw: string, onError: () => never): string {
  if (raw.indexOf('&') === -1) return raw;
  return raw.replace(/&([^;&\s]{0,12});?/g, (all, entity: string) => {
    if (!all.endsWith(';')) onError();
    if (entity.startsWith('#')) {
      const hex = entity[1] === 'x' || entity[1] === 'X';
      const digits = entity.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) onError();
      const code = parseInt(digits, hex ? 16 : 10);
      if (code > 0x10ffff || code === 0 || (code >= 0xd800 && code <= 0xdfff)) onError();
      return String.fromCodePoint(code);
    }
    const value = ENTITIES[entity];
    if (value === undefined) onError();
    return value!;
  });
}
