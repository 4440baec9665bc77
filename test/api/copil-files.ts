import { inflateRawSync, inflateSync } from 'node:zlib';

/*
 * Readers for the generated files, so the tests check their structure and text without a
 * dependency: the entries of a ZIP (PPTX, DOCX, XLSX) and the text of a PDF made by pdfkit
 * (content streams decoded through each embedded font's ToUnicode map).
 */

/** Every entry of a ZIP archive, by name. */
export function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('Not a ZIP file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('Bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const lName = buf.readUInt16LE(local + 26);
    const lExtra = buf.readUInt16LE(local + 28);
    const start = local + 30 + lName + lExtra;
    const data = buf.subarray(start, start + size);
    out.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The text runs of an OOXML part (`<a:t>` in slides, `<w:t>` in Word), joined. */
export function xmlText(xml: string, tag: 'a:t' | 'w:t'): string {
  const re = new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, 'g');
  const parts: string[] = [];
  for (const m of xml.matchAll(re)) parts.push(decodeXml(m[1]!));
  return parts.join(' ');
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function pdfObjects(buf: Buffer): Map<number, PdfObject> {
  // Sequential scan: a stream is skipped by its /Length, so binary data never fools the parser.
  const text = buf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const head = /(\d+) 0 obj/g;
  let m: RegExpExecArray | null;
  while ((m = head.exec(text))) {
    const id = Number(m[1]);
    const from = m.index + m[0].length;
    const end = text.indexOf('endobj', from);
    const s = text.indexOf('stream', from);
    if (s < 0 || s > end) {
      out.set(id, { dict: text.slice(from, end), stream: null });
      head.lastIndex = end;
      continue;
    }
    const dict = text.slice(from, s);
    let start = s + 'stream'.length;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    const len = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
    let data = buf.subarray(start, start + len);
    if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
    out.set(id, { dict, stream: Buffer.from(data) });
    head.lastIndex = text.indexOf('endobj', start + len);
  }
  return out;
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexText = (h: string) => {
    let s = '';
    for (let i = 0; i < h.length; i += 4) s += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
    return s;
  };
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      if (m[3]!.startsWith('[')) {
        const items = [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => hexText(x[1]!));
        items.forEach((s, i) => map.set(lo + i, s));
      } else {
        const base = parseInt(m[3]!.slice(1, -1), 16);
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(base + c - lo));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(parseInt(m[1]!, 16), hexText(m[2]!));
  return map;
}

/** The text of a pdfkit PDF, page by page; fonts' names resolved to their ToUnicode maps. */
export function pdfText(buf: Buffer): { pages: string[]; fonts: string[] } {
  const objects = pdfObjects(buf);
  const cmapOfFont = new Map<string, Map<number, string>>();
  const fonts: string[] = [];
  for (const o of objects.values()) {
    for (const m of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objects.get(Number(m[2]));
      const base = /\/BaseFont \/([^\s/]+)/.exec(font?.dict ?? '')?.[1];
      if (base && !fonts.includes(base)) fonts.push(base);
      const tu = /\/ToUnicode (\d+) 0 R/.exec(font?.dict ?? '');
      const cmap = tu ? objects.get(Number(tu[1]))?.stream : null;
      if (cmap && !cmapOfFont.has(m[1]!)) cmapOfFont.set(m[1]!, parseCmap(cmap.toString('latin1')));
    }
  }
  const pages: string[] = [];
  for (const o of objects.values()) {
    if (!/\/Type \/Page\b/.test(o.dict)) continue;
    const contents = /\/Contents (\d+) 0 R/.exec(o.dict);
    const stream = contents ? objects.get(Number(contents[1]))?.stream : null;
    if (!stream) continue;
    const ops = stream.toString('latin1');
    let font: Map<number, string> | undefined;
    let page = '';
    for (const m of ops.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ|<([0-9a-fA-F]*)> Tj/g)) {
      if (m[1]) font = cmapOfFont.get(m[1]);
      const hex =
        m[2] !== undefined
          ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!).join('')
          : m[3];
      if (hex !== undefined && font) {
        for (let i = 0; i < hex.length; i += 4)
          page += font.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
        page += '\n';
      }
    }
    pages.push(page);
  }
  return { pages, fonts };
}
