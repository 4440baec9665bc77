import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, PackModel } from '../../../../core/copil/pack.ts';
import { FONT_FAMILY } from './fonts.ts';

const hex = (c: string) => c.replace('#', '').toUpperCase();
const TEXT = '212529';
const MUTED = '495057';
/** Usable width of an A4 landscape page with 2 cm margins, in twentieths of a point (dxa). */
const PAGE_W = 16838 - 2 * 1134;

const run = (text: string, opts: { bold?: boolean; color?: string; size?: number } = {}) =>
  new TextRun({
    text,
    font: FONT_FAMILY,
    bold: opts.bold,
    color: opts.color ?? TEXT,
    size: opts.size ?? 18,
  });

/** Text with line breaks kept. */
function lines(text: string, opts: { bold?: boolean; color?: string; size?: number } = {}) {
  return text.split('\n').map(
    (l, i) =>
      new TextRun({
        text: l,
        break: i > 0 ? 1 : undefined,
        font: FONT_FAMILY,
        bold: opts.bold,
        color: opts.color ?? TEXT,
        size: opts.size ?? 18,
      }),
  );
}

const cell = (
  text: string,
  opts: { bold?: boolean; color?: string; fill?: string; width?: number } = {},
) =>
  new TableCell({
    children: [new Paragraph({ children: lines(text, { bold: opts.bold, color: opts.color }) })],
    shading: opts.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: opts.fill } : undefined,
    width: opts.width ? { size: opts.width, type: WidthType.DXA } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });

/** The pack as a Word document (A4 landscape): cover, summary table, a section per project. */
export async function renderDocx(
  model: PackModel,
  onProgress: (fraction: number) => void | Promise<void> = () => undefined,
): Promise<Buffer> {
  const accent = hex(model.accent);
  const children: (Paragraph | Table)[] = [];

  children.push(
    new Paragraph({
      spacing: { before: 2400 },
      children: [run(model.cover.title, { bold: true, color: accent, size: 64 })],
    }),
  );
  if (model.cover.subtitle)
    children.push(
      new Paragraph({ children: [run(model.cover.subtitle, { color: MUTED, size: 36 })] }),
    );
  children.push(
    new Paragraph({
      spacing: { before: 600 },
      children: [run(model.cover.scope, { bold: true, size: 40 })],
    }),
    new Paragraph({ children: [run(model.cover.asOf, { color: MUTED, size: 28 })] }),
    new Paragraph({
      spacing: { before: 1200 },
      children: [run(model.cover.generated, { color: MUTED, size: 20 })],
    }),
  );
  if (model.cover.confidentiality)
    children.push(
      new Paragraph({
        children: [run(model.cover.confidentiality, { bold: true, color: 'C92A2A', size: 22 })],
      }),
    );

  if (model.summary) {
    const s = model.summary;
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
        children: [run(s.title, { bold: true, color: accent, size: 32 })],
      }),
      new Paragraph({ spacing: { after: 120 }, children: [run(s.note, { color: MUTED })] }),
      new Table({
        width: { size: PAGE_W, type: WidthType.DXA },
        rows: [
          new TableRow({
            tableHeader: true,
            children: s.header.map((h) => cell(h, { bold: true, color: MUTED, fill: 'F1F3F5' })),
          }),
          ...s.rows.map(
            (r) =>
              new TableRow({
                children: r.cells.map((c, i) =>
                  i === 2 ? cell(c, { bold: true, color: 'FFFFFF', fill: hex(r.color) }) : cell(c),
                ),
              }),
          ),
        ],
      }),
    );
  }

  let i = 0;
  for (const page of model.projects) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
        border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: accent, space: 4 } },
        children: [run(page.heading, { bold: true, color: accent, size: 32 })],
      }),
      new Paragraph({
        children: [
          run(`${page.overall.label}`, { bold: true, color: hex(page.overall.color), size: 24 }),
          run(page.overall.trend ? `  ·  ${page.overall.trend}` : '', { color: MUTED }),
          run(page.subheading ? `  ·  ${page.subheading}` : '', { color: MUTED }),
        ],
      }),
    );
    for (const b of page.blocks) children.push(...blockOf(b, accent));
    i++;
    if (i % 5 === 0 || i === model.projects.length) await onProgress(i / model.projects.length);
  }

  const doc = new Document({
    creator: 'Jalon',
    title: `${model.cover.title} — ${model.cover.scope}`,
    styles: { default: { document: { run: { font: FONT_FAMILY, size: 18 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  run(model.footer ? `${model.footer}    ` : '', { color: MUTED, size: 16 }),
                  new TextRun({
                    children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES],
                    font: FONT_FAMILY,
                    size: 16,
                    color: MUTED,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function title(b: Block, accent: string) {
  return new Paragraph({
    heading: HeadingLevel.HEADING_2,
    spacing: { before: 240, after: 80 },
    border: { left: { style: BorderStyle.SINGLE, size: 24, color: accent, space: 6 } },
    children: [run(b.title, { bold: true, size: 24 })],
  });
}

function blockOf(b: Block, accent: string): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'weather':
      return [
        title(b, accent),
        new Table({
          width: { size: PAGE_W / 2, type: WidthType.DXA },
          rows: b.rows.map(
            (r) =>
              new TableRow({
                children: [
                  cell(r.label),
                  cell(r.text, { bold: true, color: 'FFFFFF', fill: hex(r.color) }),
                  cell(r.trend, { color: MUTED }),
                ],
              }),
          ),
        }),
      ];
    case 'table':
      return [
        title(b, accent),
        new Table({
          width: { size: PAGE_W, type: WidthType.DXA },
          rows: [
            new TableRow({
              tableHeader: true,
              children: b.header.map((h) => cell(h, { bold: true, color: MUTED, fill: 'F1F3F5' })),
            }),
            ...b.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
          ],
        }),
      ];
    case 'text':
      return [
        title(b, accent),
        ...b.paragraphs.flatMap((p) => [
          new Paragraph({
            spacing: { before: 80 },
            children: [run(p.label, { bold: true, color: MUTED })],
          }),
          new Paragraph({ children: lines(p.text) }),
        ]),
      ];
    case 'list':
      return [
        title(b, accent),
        ...b.items.map((t) => new Paragraph({ bullet: { level: 0 }, children: [run(t)] })),
      ];
    case 'bars': {
      // A bar chart drawn with shaded table cells: the bar's width is proportional to its value.
      const chartW = Math.round(PAGE_W * 0.45);
      const labelW = 2600;
      const textW = 1400;
      return [
        title(b, accent),
        ...b.bars.map((bar) => {
          const filled = Math.max(60, Math.round((Math.min(bar.value, b.max) / b.max) * chartW));
          const cells = [
            cell(bar.label, { width: labelW }),
            cell('', { fill: hex(bar.color), width: filled }),
          ];
          if (chartW - filled > 0) cells.push(cell('', { fill: 'F1F3F5', width: chartW - filled }));
          cells.push(cell(bar.text, { width: textW }));
          return new Table({
            width: { size: labelW + chartW + textW, type: WidthType.DXA },
            columnWidths:
              cells.length === 4
                ? [labelW, filled, chartW - filled, textW]
                : [labelW, filled, textW],
            borders: {
              top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
              bottom: { style: BorderStyle.SINGLE, size: 4, color: 'FFFFFF' },
              left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
              right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
              insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
              insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
            },
            rows: [new TableRow({ children: cells })],
          });
        }),
      ];
    }
  }
}
