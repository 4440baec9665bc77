import PDFDocument from 'pdfkit';
import type { Block, PackModel } from '../../../../core/copil/pack.ts';
import type { Weather } from '../../../../core/reporting/weather.ts';
import { packFonts } from './fonts.ts';

/** A4 landscape, in points. */
const W = 842;
const H = 595;
const M = 36;
const TEXT = '#212529';
const MUTED = '#495057';
const LINE = '#DEE2E6';

type Doc = PDFKit.PDFDocument;

/** The pack as a PDF: cover, summary table, one page per project; DejaVu Sans embedded. */
export async function renderPdf(
  model: PackModel,
  onProgress: (fraction: number) => void | Promise<void> = () => undefined,
): Promise<Buffer> {
  const fonts = packFonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: M,
    bufferPages: true,
    autoFirstPage: true,
    info: { Title: `${model.cover.title} — ${model.cover.scope}`, Creator: 'Jalon' },
    lang: model.language === 'fr' ? 'fr-FR' : 'en-GB',
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  withoutLigatures(doc, 'bold');
  withoutLigatures(doc, 'regular');
  doc.font('regular').fillColor(TEXT);

  cover(doc, model);
  if (model.summary) summaryPages(doc, model);
  let i = 0;
  for (const page of model.projects) {
    doc.addPage();
    projectPage(doc, model, page);
    i++;
    if (i % 5 === 0 || i === model.projects.length) await onProgress(i / model.projects.length);
  }
  footers(doc, model);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * Turns the font's ligatures off: with them, "ff" in "Diffusion" becomes one glyph that text
 * extraction, search and screen readers cannot map back to letters. Done on the font's layout
 * itself (not per text call) so that pdfkit keeps its per-word layout cache.
 */
function withoutLigatures(doc: Doc, name: string) {
  doc.font(name);
  const font = (doc as unknown as { _font: { font: { layout: (...a: unknown[]) => unknown } } })
    ._font.font;
  const layout = font.layout.bind(font);
  font.layout = (text: unknown, features?: unknown) =>
    layout(text, features ?? { liga: false, clig: false });
}

function cover(doc: Doc, model: PackModel) {
  doc.rect(0, 0, 18, H).fill(model.accent);
  doc.rect(18, H - 120, W - 18, 2).fill(model.accent);
  doc
    .fillColor(model.accent)
    .font('bold')
    .fontSize(34)
    .text(model.cover.title, 70, 150, {
      width: W - 140,
    });
  if (model.cover.subtitle)
    doc
      .fillColor(MUTED)
      .font('regular')
      .fontSize(18)
      .text(model.cover.subtitle, 70, doc.y + 8, {
        width: W - 140,
      });
  doc
    .fillColor(TEXT)
    .font('bold')
    .fontSize(20)
    .text(model.cover.scope, 70, doc.y + 30, {
      width: W - 140,
    });
  doc
    .font('regular')
    .fontSize(14)
    .fillColor(MUTED)
    .text(model.cover.asOf, 70, doc.y + 10);
  doc.fontSize(10).text(model.cover.generated, 70, H - 100);
  if (model.cover.confidentiality)
    doc
      .font('bold')
      .fontSize(11)
      .fillColor('#C92A2A')
      .text(model.cover.confidentiality, 70, H - 80, { width: W - 140 });
}

function heading(doc: Doc, model: PackModel, text: string, sub?: string) {
  doc.rect(0, 0, W, 56).fill(model.accent);
  doc
    .fillColor('#FFFFFF')
    .font('bold')
    .fontSize(18)
    .text(text, M, 14, {
      width: W - 2 * M - 180,
      height: 24,
      ellipsis: true,
    });
  if (sub)
    doc
      .font('regular')
      .fontSize(9)
      .text(sub, M, 38, { width: W - 2 * M - 180, height: 12, ellipsis: true });
  doc.fillColor(TEXT);
}

/** A weather drawn with shapes: sun, cloud, rain (cloud and drops) or storm (cloud and bolt). */
export function weatherIcon(
  doc: Doc,
  cx: number,
  cy: number,
  r: number,
  w: Weather | null,
  color: string,
) {
  doc.save();
  if (w === null) {
    doc
      .circle(cx, cy, r * 0.7)
      .lineWidth(1)
      .stroke('#ADB5BD');
  } else if (w === 'sun') {
    for (let k = 0; k < 8; k++) {
      const a = (k * Math.PI) / 4;
      doc
        .moveTo(cx + Math.cos(a) * r * 0.65, cy + Math.sin(a) * r * 0.65)
        .lineTo(cx + Math.cos(a) * r, cy + Math.sin(a) * r)
        .lineWidth(Math.max(1, r / 6))
        .stroke(color);
    }
    doc.circle(cx, cy, r * 0.5).fill(color);
  } else {
    const cloud = () => {
      doc.circle(cx - r * 0.35, cy, r * 0.38).fill(color);
      doc.circle(cx + r * 0.1, cy - r * 0.2, r * 0.48).fill(color);
      doc.circle(cx + r * 0.5, cy + r * 0.05, r * 0.33).fill(color);
      doc.rect(cx - r * 0.35, cy, r * 0.85, r * 0.38).fill(color);
    };
    const dy = w === 'cloud' ? 0 : -r * 0.25;
    doc.translate(0, dy);
    cloud();
    doc.translate(0, -dy);
    if (w === 'rain')
      for (const k of [-0.35, 0.05, 0.45])
        doc
          .moveTo(cx + k * r, cy + r * 0.35)
          .lineTo(cx + k * r - r * 0.12, cy + r * 0.8)
          .lineWidth(Math.max(1, r / 7))
          .stroke(color);
    if (w === 'storm')
      doc
        .polygon(
          [cx + r * 0.05, cy + r * 0.25],
          [cx - r * 0.2, cy + r * 0.65],
          [cx, cy + r * 0.6],
          [cx - r * 0.1, cy + r],
          [cx + r * 0.25, cy + r * 0.5],
          [cx + r * 0.05, cy + r * 0.55],
        )
        .fill('#F59F00');
  }
  doc.restore();
}

/** A trend arrow as a shape: up (better), down (worse), flat (same); nothing for new. */
function trendArrow(doc: Doc, x: number, y: number, trend: string, size = 8) {
  const kind = /amélior|Improv/.test(trend)
    ? 'up'
    : /dégrad|Worsen/.test(trend)
      ? 'down'
      : /Stable/.test(trend)
        ? 'flat'
        : null;
  if (!kind) return;
  doc.save();
  const color = kind === 'up' ? '#2F9E44' : kind === 'down' ? '#C92A2A' : '#868E96';
  if (kind === 'flat')
    doc.polygon(
      [x, y - 2],
      [x + size - 3, y - 2],
      [x + size - 3, y - 4],
      [x + size, y],
      [x + size - 3, y + 4],
      [x + size - 3, y + 2],
      [x, y + 2],
    );
  else if (kind === 'up')
    doc.polygon([x, y + size / 2], [x + size / 2, y - size / 2], [x + size, y + size / 2]);
  else doc.polygon([x, y - size / 2], [x + size, y - size / 2], [x + size / 2, y + size / 2]);
  doc.fill(color);
  doc.restore();
}

function summaryPages(doc: Doc, model: PackModel) {
  const s = model.summary!;
  const cols = [180, 100, 72, 95, ...Array(6).fill(53)] as number[];
  const rowH = 18;
  let first = true;
  let y = 0;
  const header = () => {
    if (!first) doc.addPage();
    heading(doc, model, s.title, s.note);
    first = false;
    y = 72;
    let x = M;
    doc.font('bold').fontSize(8).fillColor(MUTED);
    s.header.forEach((h, i) => {
      doc.text(h, x + 2, y, { width: cols[i]! - 4, height: 20, ellipsis: true });
      x += cols[i]!;
    });
    y += 22;
    doc
      .moveTo(M, y - 3)
      .lineTo(W - M, y - 3)
      .lineWidth(0.8)
      .stroke(LINE);
  };
  doc.addPage();
  header();
  for (const row of s.rows) {
    if (y + rowH > H - 50) header();
    let x = M;
    doc.font('regular').fontSize(8).fillColor(TEXT);
    row.cells.forEach((cell, i) => {
      if (i === 2) {
        weatherIcon(doc, x + 8, y + 5, 6, row.weather, row.color);
        doc
          .fillColor(TEXT)
          .text(cell, x + 18, y + 1, { width: cols[i]! - 20, height: 12, ellipsis: true });
      } else if (i === 3) {
        trendArrow(doc, x + 2, y + 5, cell);
        doc
          .fillColor(TEXT)
          .text(cell, x + 14, y + 1, { width: cols[i]! - 16, height: 12, ellipsis: true });
      } else if (i >= 4) {
        const w = weatherFromLabel(cell);
        doc.circle(x + 7, y + 5, 4).fill(w ? COLORS_BY_LABEL[cell]! : '#E9ECEF');
        doc
          .fillColor(MUTED)
          .fontSize(7)
          .text(cell, x + 13, y + 1.5, { width: cols[i]! - 14, height: 10, ellipsis: true });
        doc.fontSize(8);
      } else {
        doc.text(cell, x + 2, y + 1, { width: cols[i]! - 4, height: 12, ellipsis: true });
      }
      x += cols[i]!;
    });
    y += rowH;
    doc
      .moveTo(M, y - 4)
      .lineTo(W - M, y - 4)
      .lineWidth(0.4)
      .stroke(LINE);
  }
}

const COLORS_BY_LABEL: Record<string, string> = {
  Soleil: '#2F9E44',
  Sunny: '#2F9E44',
  Nuageux: '#E8A200',
  Cloudy: '#E8A200',
  Pluie: '#E8590C',
  Rain: '#E8590C',
  Orage: '#C92A2A',
  Storm: '#C92A2A',
};
const weatherFromLabel = (label: string) => label in COLORS_BY_LABEL;

function projectPage(doc: Doc, model: PackModel, page: PackModel['projects'][number]) {
  heading(doc, model, page.heading, page.subheading);
  // Overall weather badge, top right.
  doc.roundedRect(W - M - 170, 8, 170, 40, 6).fill('#FFFFFF');
  weatherIcon(doc, W - M - 148, 28, 13, page.overall.weather, page.overall.color);
  doc
    .fillColor(page.overall.color)
    .font('bold')
    .fontSize(11)
    .text(page.overall.label, W - M - 128, 14, {
      width: 120,
    });
  trendArrow(doc, W - M - 128, 38, page.overall.trend, 7);
  doc
    .fillColor(MUTED)
    .font('regular')
    .fontSize(8)
    .text(page.overall.trend, W - M - 116, 34, { width: 110 });

  const colW = (W - 2 * M - 20) / 2;
  const tops = [70, 70];
  const bottom = H - 44;
  for (const block of page.blocks) {
    const h = blockHeight(doc, block, colW);
    let c = tops[0]! <= tops[1]! ? 0 : 1;
    if (tops[c]! + h > bottom && tops[1 - c]! + h <= bottom) c = 1 - c;
    if (tops[c]! + h > bottom && tops[c]! > 70) {
      doc.addPage();
      heading(doc, model, page.heading, page.subheading);
      tops[0] = 70;
      tops[1] = 70;
      c = 0;
    }
    const x = M + c * (colW + 20);
    drawBlock(doc, model, block, x, tops[c]!, colW);
    tops[c] = tops[c]! + h + 14;
  }
}

function blockHeight(doc: Doc, b: Block, width: number): number {
  const title = 20;
  doc.font('regular').fontSize(8.5);
  switch (b.kind) {
    case 'weather':
      return title + b.rows.length * 17;
    case 'bars':
      return title + b.bars.length * 20;
    case 'table': {
      const cw = width / b.header.length;
      let h = title + 14;
      for (const r of b.rows)
        h += Math.max(
          14,
          ...r.map(
            (c, i) => doc.heightOfString(c || ' ', { width: colWidth(b, i, width, cw) - 4 }) + 4,
          ),
        );
      return h;
    }
    case 'text': {
      let h = title;
      for (const p of b.paragraphs) {
        h += 13;
        h += doc.heightOfString(p.text, { width: width - 8 }) + 6;
      }
      return h;
    }
    case 'list':
      return title + b.items.length * 13;
  }
}

function colWidth(b: Extract<Block, { kind: 'table' }>, i: number, width: number, even: number) {
  if (b.section === 'risks') return [50, width - 150, 45, 55][i] ?? even;
  if (b.section === 'milestones') return [55, (width - 55) / 2, (width - 55) / 2][i] ?? even;
  return even;
}

function drawBlock(doc: Doc, model: PackModel, b: Block, x: number, y: number, width: number) {
  doc.rect(x, y + 2, 3, 12).fill(model.accent);
  doc
    .fillColor(TEXT)
    .font('bold')
    .fontSize(10.5)
    .text(b.title, x + 8, y + 2, { width: width - 8 });
  let cy = y + 20;
  switch (b.kind) {
    case 'weather':
      for (const r of b.rows) {
        weatherIcon(doc, x + 10, cy + 5, 6, r.weather, r.color);
        doc
          .fillColor(TEXT)
          .font('regular')
          .fontSize(8.5)
          .text(r.label, x + 24, cy, { width: 90 });
        doc
          .fillColor(r.color)
          .font('bold')
          .text(r.text, x + 118, cy, { width: 80 });
        trendArrow(doc, x + 204, cy + 5, r.trend, 7);
        doc
          .fillColor(MUTED)
          .font('regular')
          .text(r.trend, x + 216, cy, { width: width - 216 });
        cy += 17;
      }
      break;
    case 'bars': {
      const labelW = 120;
      const barMax = width - labelW - 70;
      for (const bar of b.bars) {
        doc
          .fillColor(TEXT)
          .font('regular')
          .fontSize(8.5)
          .text(bar.label, x, cy + 2, { width: labelW - 6, height: 12, ellipsis: true });
        doc.rect(x + labelW, cy, barMax, 12).fill('#F1F3F5');
        doc
          .rect(x + labelW, cy, Math.max(1, (Math.min(bar.value, b.max) / b.max) * barMax), 12)
          .fill(bar.color);
        if (b.max > 1) {
          const one = x + labelW + barMax / b.max;
          doc
            .moveTo(one, cy - 2)
            .lineTo(one, cy + 14)
            .lineWidth(0.8)
            .stroke(TEXT);
        }
        doc.fillColor(TEXT).text(bar.text, x + labelW + barMax + 6, cy + 2, { width: 64 });
        cy += 20;
      }
      break;
    }
    case 'table': {
      const even = width / b.header.length;
      let cx = x;
      doc.font('bold').fontSize(7.5).fillColor(MUTED);
      b.header.forEach((h, i) => {
        doc.text(h, cx + 2, cy, {
          width: colWidth(b, i, width, even) - 4,
          height: 10,
          ellipsis: true,
        });
        cx += colWidth(b, i, width, even);
      });
      cy += 13;
      doc
        .moveTo(x, cy - 2)
        .lineTo(x + width, cy - 2)
        .lineWidth(0.5)
        .stroke(LINE);
      doc.font('regular').fontSize(8.5).fillColor(TEXT);
      for (const r of b.rows) {
        cx = x;
        let rh = 14;
        r.forEach((c, i) => {
          const cw = colWidth(b, i, width, even);
          doc.fillColor(b.section === 'milestones' && i === 1 && c !== '0' && c ? '#C92A2A' : TEXT);
          doc.text(c, cx + 2, cy, { width: cw - 4 });
          rh = Math.max(rh, doc.y - cy + 4);
          cx += cw;
        });
        cy += rh;
      }
      break;
    }
    case 'text':
      for (const p of b.paragraphs) {
        doc
          .fillColor(MUTED)
          .font('bold')
          .fontSize(8)
          .text(p.label, x + 4, cy, { width: width - 8 });
        doc
          .fillColor(TEXT)
          .font('regular')
          .fontSize(8.5)
          .text(p.text, x + 4, doc.y + 1, { width: width - 8 });
        cy = doc.y + 6;
      }
      break;
    case 'list':
      for (const item of b.items) {
        doc
          .fillColor(TEXT)
          .font('regular')
          .fontSize(8.5)
          .text(`• ${item}`, x + 4, cy, { width: width - 8 });
        cy = doc.y + 2;
      }
      break;
  }
}

function footers(doc: Doc, model: PackModel) {
  const range = doc.bufferedPageRange();
  const label = model.language === 'fr' ? 'Page' : 'Page';
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    if (i === range.start) continue;
    // Below the bottom margin: without this, pdfkit would start a new page for the footer.
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(7.5).fillColor(MUTED);
    if (model.footer)
      doc.text(model.footer, M, H - 28, {
        width: W - 2 * M - 80,
        height: 10,
        ellipsis: true,
        lineBreak: false,
      });
    doc.text(`${label} ${i + 1} / ${range.count}`, W - M - 70, H - 28, {
      width: 70,
      align: 'right',
      lineBreak: false,
    });
  }
}
