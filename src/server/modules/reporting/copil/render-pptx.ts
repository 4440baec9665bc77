import PptxGenJS from 'pptxgenjs';
import type { Block, PackModel } from '../../../../core/copil/pack.ts';
import type { Weather } from '../../../../core/reporting/weather.ts';
import { FONT_FAMILY } from './fonts.ts';

/** Slide size (LAYOUT_WIDE), inches. */
const SW = 13.333;
const SH = 7.5;
const MX = 0.45;
const TEXT = '212529';
const MUTED = '495057';
const hex = (c: string) => c.replace('#', '').toUpperCase();
const SUMMARY_ROWS = 14;

type Slide = PptxGenJS.Slide;

/** The pack as a PowerPoint deck: cover, summary slides, one slide per project. */
export async function renderPptx(
  model: PackModel,
  onProgress: (fraction: number) => void | Promise<void> = () => undefined,
): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = 'Jalon';
  pptx.title = `${model.cover.title} — ${model.cover.scope}`;
  pptx.theme = { headFontFace: FONT_FAMILY, bodyFontFace: FONT_FAMILY };
  const accent = hex(model.accent);
  const font = { fontFace: FONT_FAMILY };

  // Cover
  const c = pptx.addSlide();
  c.addShape(pptx.ShapeType.rect, {
    x: 0,
    y: 0,
    w: 0.25,
    h: SH,
    fill: { color: accent },
    line: { color: accent },
  });
  c.addText(model.cover.title, {
    ...font,
    x: 1,
    y: 1.8,
    w: 11,
    h: 1,
    fontSize: 40,
    bold: true,
    color: accent,
  });
  if (model.cover.subtitle)
    c.addText(model.cover.subtitle, {
      ...font,
      x: 1,
      y: 2.8,
      w: 11,
      h: 0.6,
      fontSize: 20,
      color: MUTED,
    });
  c.addText(model.cover.scope, {
    ...font,
    x: 1,
    y: 3.7,
    w: 11,
    h: 0.6,
    fontSize: 24,
    bold: true,
    color: TEXT,
  });
  c.addText(model.cover.asOf, { ...font, x: 1, y: 4.3, w: 11, h: 0.5, fontSize: 16, color: MUTED });
  c.addText(model.cover.generated, {
    ...font,
    x: 1,
    y: 6.2,
    w: 8,
    h: 0.4,
    fontSize: 11,
    color: MUTED,
  });
  if (model.cover.confidentiality)
    c.addText(model.cover.confidentiality, {
      ...font,
      x: 1,
      y: 6.6,
      w: 11,
      h: 0.4,
      fontSize: 12,
      bold: true,
      color: 'C92A2A',
    });

  const header = (slide: Slide, title: string, sub: string) => {
    slide.addShape(pptx.ShapeType.rect, {
      x: 0,
      y: 0,
      w: SW,
      h: 0.9,
      fill: { color: accent },
      line: { color: accent },
    });
    slide.addText(title, {
      ...font,
      x: MX,
      y: 0.08,
      w: 9.5,
      h: 0.5,
      fontSize: 22,
      bold: true,
      color: 'FFFFFF',
      fit: 'shrink',
    });
    if (sub)
      slide.addText(sub, {
        ...font,
        x: MX,
        y: 0.55,
        w: 9.5,
        h: 0.3,
        fontSize: 11,
        color: 'FFFFFF',
      });
    if (model.footer)
      slide.addText(model.footer, {
        ...font,
        x: MX,
        y: SH - 0.4,
        w: 10,
        h: 0.3,
        fontSize: 9,
        color: MUTED,
      });
    slide.slideNumber = {
      x: SW - 1,
      y: SH - 0.4,
      w: 0.6,
      h: 0.3,
      fontSize: 9,
      color: MUTED,
      fontFace: FONT_FAMILY,
    };
  };

  const weatherShape = (
    slide: Slide,
    x: number,
    y: number,
    d: number,
    w: Weather | null,
    color: string,
  ) => {
    const fill = { color: hex(color) };
    if (w === 'sun')
      slide.addShape(pptx.ShapeType.sun, { x, y, w: d, h: d, fill, line: { color: hex(color) } });
    else if (w === null)
      slide.addShape(pptx.ShapeType.ellipse, { x, y, w: d, h: d, line: { color: 'ADB5BD' } });
    else if (w === 'storm')
      slide.addShape(pptx.ShapeType.lightningBolt, {
        x,
        y,
        w: d,
        h: d,
        fill,
        line: { color: hex(color) },
      });
    else
      slide.addShape(pptx.ShapeType.cloud, {
        x,
        y,
        w: d,
        h: d * 0.75,
        fill,
        line: { color: hex(color) },
      });
  };

  // Summary, paginated
  if (model.summary) {
    const s = model.summary;
    const colW = [3.0, 1.7, 1.1, 1.4, ...Array(6).fill(0.78)] as number[];
    for (let start = 0; start < Math.max(1, s.rows.length); start += SUMMARY_ROWS) {
      const slide = pptx.addSlide();
      header(slide, s.title, s.note);
      const rows: PptxGenJS.TableRow[] = [
        s.header.map((h) => ({
          text: h,
          options: { bold: true, color: MUTED, fill: { color: 'F1F3F5' } },
        })),
        ...s.rows.slice(start, start + SUMMARY_ROWS).map((r) =>
          r.cells.map((cell, i) => ({
            text: cell,
            options:
              i === 2
                ? { bold: true, color: 'FFFFFF', fill: { color: hex(r.color) } }
                : { color: TEXT },
          })),
        ),
      ];
      slide.addTable(rows, {
        ...font,
        x: MX,
        y: 1.1,
        w: SW - 2 * MX,
        colW,
        fontSize: 9,
        border: { type: 'solid', pt: 0.5, color: 'DEE2E6' },
        rowH: 0.36,
      });
    }
  }

  let i = 0;
  for (const page of model.projects) {
    const slide = pptx.addSlide();
    header(slide, page.heading, page.subheading);
    slide.addShape(pptx.ShapeType.roundRect, {
      x: SW - 3.1,
      y: 0.12,
      w: 2.8,
      h: 0.66,
      fill: { color: 'FFFFFF' },
      line: { color: 'FFFFFF' },
      rectRadius: 0.1,
    });
    weatherShape(slide, SW - 3.0, 0.18, 0.52, page.overall.weather, page.overall.color);
    slide.addText(
      [
        {
          text: page.overall.label,
          options: { bold: true, color: hex(page.overall.color), fontSize: 14, breakLine: true },
        },
        { text: page.overall.trend, options: { color: MUTED, fontSize: 10 } },
      ],
      { ...font, x: SW - 2.4, y: 0.14, w: 2.05, h: 0.6 },
    );
    const colWidth = (SW - 2 * MX - 0.3) / 2;
    const tops = [1.1, 1.1];
    for (const b of page.blocks) {
      const h = heightOf(b);
      const col = tops[0]! <= tops[1]! ? 0 : 1;
      const x = MX + col * (colWidth + 0.3);
      drawBlock(pptx, slide, b, x, tops[col]!, colWidth, accent, weatherShape);
      tops[col] = tops[col]! + h + 0.15;
    }
    i++;
    if (i % 5 === 0 || i === model.projects.length) await onProgress(i / model.projects.length);
  }
  const out = await pptx.write({ outputType: 'nodebuffer' });
  return Buffer.from(out as Uint8Array);
}

function heightOf(b: Block): number {
  switch (b.kind) {
    case 'weather':
      return 0.35 + b.rows.length * 0.27;
    case 'bars':
      return 0.35 + b.bars.length * 0.32;
    case 'table':
      return (
        0.35 +
        0.3 +
        b.rows.reduce((h, r) => h + 0.26 * Math.max(1, ...r.map((c) => c.split('\n').length)), 0)
      );
    case 'text':
      return (
        0.35 +
        b.paragraphs.reduce((h, p) => h + 0.22 + 0.18 * Math.min(6, p.text.split('\n').length), 0)
      );
    case 'list':
      return 0.35 + b.items.length * 0.2;
  }
}

function drawBlock(
  pptx: PptxGenJS,
  slide: Slide,
  b: Block,
  x: number,
  y: number,
  w: number,
  accent: string,
  weatherShape: (s: Slide, x: number, y: number, d: number, w: Weather | null, c: string) => void,
) {
  const font = { fontFace: FONT_FAMILY };
  slide.addShape(pptx.ShapeType.rect, {
    x,
    y: y + 0.05,
    w: 0.05,
    h: 0.22,
    fill: { color: accent },
    line: { color: accent },
  });
  slide.addText(b.title, {
    ...font,
    x: x + 0.1,
    y,
    w: w - 0.1,
    h: 0.3,
    fontSize: 13,
    bold: true,
    color: TEXT,
  });
  let cy = y + 0.35;
  switch (b.kind) {
    case 'weather':
      for (const r of b.rows) {
        weatherShape(slide, x + 0.05, cy + 0.02, 0.2, r.weather, r.color);
        slide.addText(
          [
            { text: `${r.label}  `, options: { color: TEXT } },
            { text: r.text, options: { color: hex(r.color), bold: true } },
            { text: r.trend ? `   ${r.trend}` : '', options: { color: MUTED } },
          ],
          { ...font, x: x + 0.35, y: cy, w: w - 0.35, h: 0.25, fontSize: 10 },
        );
        cy += 0.27;
      }
      break;
    case 'bars': {
      const labelW = 1.6;
      const barMax = w - labelW - 0.9;
      for (const bar of b.bars) {
        slide.addText(bar.label, {
          ...font,
          x,
          y: cy,
          w: labelW,
          h: 0.25,
          fontSize: 10,
          color: TEXT,
        });
        slide.addShape(pptx.ShapeType.rect, {
          x: x + labelW,
          y: cy + 0.04,
          w: barMax,
          h: 0.18,
          fill: { color: 'F1F3F5' },
          line: { color: 'F1F3F5' },
        });
        slide.addShape(pptx.ShapeType.rect, {
          x: x + labelW,
          y: cy + 0.04,
          w: Math.max(0.01, (Math.min(bar.value, b.max) / b.max) * barMax),
          h: 0.18,
          fill: { color: hex(bar.color) },
          line: { color: hex(bar.color) },
        });
        slide.addText(bar.text, {
          ...font,
          x: x + labelW + barMax + 0.05,
          y: cy,
          w: 0.85,
          h: 0.25,
          fontSize: 10,
          color: TEXT,
        });
        cy += 0.32;
      }
      break;
    }
    case 'table': {
      const rows: PptxGenJS.TableRow[] = [
        b.header.map((h) => ({
          text: h,
          options: { bold: true, color: MUTED, fill: { color: 'F1F3F5' } },
        })),
        ...b.rows.map((r) => r.map((c) => ({ text: c, options: { color: TEXT } }))),
      ];
      const colW =
        b.section === 'risks'
          ? [0.8, w - 2.3, 0.6, 0.9]
          : b.section === 'milestones'
            ? [0.8, (w - 0.8) / 2, (w - 0.8) / 2]
            : b.header.map(() => w / b.header.length);
      slide.addTable(rows, {
        ...font,
        x,
        y: cy,
        w,
        colW,
        fontSize: 9,
        border: { type: 'solid', pt: 0.5, color: 'DEE2E6' },
      });
      break;
    }
    case 'text':
      slide.addText(
        b.paragraphs.flatMap((p) => [
          { text: p.label, options: { bold: true, color: MUTED, fontSize: 9, breakLine: true } },
          { text: p.text, options: { color: TEXT, fontSize: 10, breakLine: true } },
        ]),
        { ...font, x, y: cy, w, h: heightOf(b) - 0.35, valign: 'top', fit: 'shrink' },
      );
      break;
    case 'list':
      slide.addText(
        b.items.map((t) => ({ text: t, options: { bullet: true, breakLine: true } })),
        { ...font, x, y: cy, w, h: heightOf(b) - 0.35, fontSize: 10, color: TEXT, valign: 'top' },
      );
      break;
  }
}
