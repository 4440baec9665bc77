import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { PlanLink, PlanTask } from '../../../contracts/planning.ts';
import { LIGHT_PALETTE } from './gantt-palette.ts';
import {
  GanttHeader,
  GanttSvg,
  HEADER_HEIGHT,
  ROW_HEIGHT,
  type BaselineDates,
} from './GanttSvg.tsx';
import type { WorkingDayTest } from './plan-calendar.ts';
import type { TimeScale } from './timeline-scale.ts';
import type { RowWindow } from './virtual-window.ts';

/** Largest canvas side Chromium and Firefox both draw. */
const MAX_SIDE = 16_000;

interface ExportInput {
  rows: readonly PlanTask[];
  links: readonly PlanLink[];
  scale: TimeScale;
  rowOf: ReadonlyMap<string, number>;
  isWorking: WorkingDayTest;
  today: number;
  statusDate: string | null;
  baselines: ReadonlyMap<string, BaselineDates> | null;
  showCritical: boolean;
  title: string;
  description: string;
  locale: string;
  weekLabel: (n: number) => string;
  quarterLabel: (n: number) => string;
  /** The rows on screen: exported instead of the whole plan when the whole plan is too tall. */
  window: RowWindow;
  filename: string;
}

/** The Gantt as one standalone SVG document (literal colours, labels beside the bars). */
export function ganttSvgMarkup(input: ExportInput): {
  markup: string;
  width: number;
  height: number;
} {
  const all = input.rows.length * ROW_HEIGHT + HEADER_HEIGHT <= MAX_SIDE;
  const first = all ? 0 : input.window.first;
  const last = all
    ? input.rows.length
    : Math.min(input.rows.length, first + Math.floor((MAX_SIDE - HEADER_HEIGHT) / ROW_HEIGHT));
  const width = input.scale.width;
  const height = HEADER_HEIGHT + (last - first) * ROW_HEIGHT;
  const host = document.createElement('div');
  const root = createRoot(host);
  flushSync(() =>
    root.render(
      <svg
        xmlns="http://www.w3.org/2000/svg"
        width={width}
        height={height}
        fontFamily="Arial, sans-serif"
      >
        <GanttHeader
          scale={input.scale}
          xFrom={0}
          xTo={width}
          palette={LIGHT_PALETTE}
          locale={input.locale}
          weekLabel={input.weekLabel}
          quarterLabel={input.quarterLabel}
          isWorking={input.isWorking}
        />
        <g transform={`translate(0 ${HEADER_HEIGHT - first * ROW_HEIGHT})`}>
          <GanttSvg
            rows={input.rows}
            window={{ first, last }}
            scale={input.scale}
            xFrom={0}
            xTo={width}
            palette={LIGHT_PALETTE}
            showCritical={input.showCritical}
            showLabels
            baselines={input.baselines}
            links={input.links}
            rowOf={input.rowOf}
            isWorking={input.isWorking}
            today={input.today}
            statusDate={input.statusDate}
            selectedId={null}
            title={input.title}
            description={input.description}
          />
        </g>
      </svg>,
    ),
  );
  const svg = host.querySelector('svg');
  const markup = svg ? new XMLSerializer().serializeToString(svg) : '';
  root.unmount();
  return { markup, width, height };
}

/** Draws the SVG on a canvas and downloads it as a PNG. */
export async function exportGanttPng(input: ExportInput): Promise<void> {
  const { markup, width, height } = ganttSvgMarkup(input);
  const factor = Math.min(1, MAX_SIDE / Math.max(width, height));
  // A data: URL, not a blob: one: the content security policy allows only 'self' and data: images.
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  {
    const image = new Image();
    image.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('SVG could not be drawn'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * factor);
    canvas.height = Math.round(height * factor);
    const context = canvas.getContext('2d');
    if (!context) return;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = input.filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }
}
