import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { Locale } from '@baanrian/contracts';
import { formatNumber } from '../../i18n/format';
import './report-charts.css';

/*
 * The dashboard's charts (Recharts, in this chunk only: the dashboard loads it after its tables).
 * A chart repeats its table beside it: it is one image with a name that points to that table
 * (role="img", so nothing inside is read or focusable; Recharts' keyboard layer is off). Series
 * differ in more than colour: every colour has ≥ 3:1 contrast against the page, bars carry a
 * pattern and their value, lines a dash style and a marker shape, and the legend names each.
 */

export interface ChartSeries {
  key: string;
  label: string;
}

export interface ChartDatum {
  label: string;
  values: Record<string, number>;
}

export interface ChartProps {
  /** The accessible name: what the chart shows and where its table is. */
  label: string;
  data: ChartDatum[];
  series: ChartSeries[];
  locale: Locale;
}

/** Contrast against white: 7.9, 6.4, 6.8, 7.4, 7.6 : 1. */
const COLORS = ['#0b5c4a', '#0b57d0', '#8a4b00', '#6b3fa0', '#4a5752'];
const DASHES = ['', '8 4', '2 4', '12 4 3 4', '4 2'];
type Marker = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';
const MARKERS: Marker[] = ['circle', 'square', 'triangle', 'diamond', 'cross'];

const color = (i: number) => COLORS[i % COLORS.length];

/** Solid, stripes, dots, cross-hatch, waves: one per series, light marks on the dark colour. */
function Patterns({ id, count }: { id: string; count: number }) {
  return (
    <defs>
      {Array.from({ length: count }, (_, i) => (
        <pattern key={i} id={`${id}-${i}`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform={i % 5 === 1 ? 'rotate(45)' : undefined}>
          <rect width="8" height="8" fill={color(i)} />
          {i % 5 === 1 && <rect width="3" height="8" fill="#ffffff" />}
          {i % 5 === 2 && <circle cx="4" cy="4" r="1.6" fill="#ffffff" />}
          {i % 5 === 3 && <path d="M0 4h8M4 0v8" stroke="#ffffff" strokeWidth="1.5" />}
          {i % 5 === 4 && <path d="M0 6 Q2 2 4 6 T8 6" stroke="#ffffff" strokeWidth="1.2" fill="none" />}
        </pattern>
      ))}
    </defs>
  );
}

/** Splits a long label (Thai has no spaces) into lines at word boundaries. */
function wrapLabel(text: string, locale: Locale, maxChars: number): string[] {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  const words = Segmenter ? [...new Segmenter(locale, { granularity: 'word' }).segment(text)].map((s) => s.segment) : text.split(/(?<=\s)/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && (line + word).trim().length > maxChars) {
      lines.push(line.trim());
      line = word;
    } else line += word;
  }
  if (line.trim()) lines.push(line.trim());
  return lines.slice(0, 3);
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}

function CategoryTick({ x: rawX = 0, y = 0, payload, locale }: TickProps & { locale: Locale }) {
  const x = Number(rawX);
  const lines = wrapLabel(String(payload?.value ?? ''), locale, 16);
  return (
    <text x={x} y={y} textAnchor="end" className="report-chart__tick" dominantBaseline="middle">
      {lines.map((line, i) => (
        <tspan key={i} x={x - 6} dy={i === 0 ? `${-(lines.length - 1) * 0.6}em` : '1.2em'}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

const rows = (data: ChartDatum[]) => data.map((d) => ({ label: d.label, ...d.values }));

/** Grouped bars; `horizontal` lays the categories down the side (long names, phones). */
export function BarsChart({ label, data, series, locale, horizontal = false, idPrefix }: ChartProps & { horizontal?: boolean; idPrefix: string }) {
  const number = (value: unknown) => formatNumber(Number(value ?? 0), locale, { maximumFractionDigits: 1 });
  const height = horizontal ? `${Math.max(12, data.length * series.length * 2.2 + 6)}rem` : '18rem';
  return (
    <div className="report-chart" role="img" aria-label={label}>
      <BarChart
        responsive
        style={{ width: '100%', height }}
        data={rows(data)}
        layout={horizontal ? 'vertical' : 'horizontal'}
        accessibilityLayer={false}
        margin={{ top: 8, right: 48, bottom: 8, left: 8 }}
      >
        <Patterns id={idPrefix} count={series.length} />
        <CartesianGrid stroke="#7a8a84" strokeOpacity={0.4} horizontal={!horizontal} vertical={horizontal} />
        {horizontal ? (
          <>
            <XAxis type="number" tickFormatter={number} stroke="#4a5752" />
            <YAxis type="category" dataKey="label" width={130} stroke="#4a5752" interval={0} tick={(props: TickProps) => <CategoryTick {...props} locale={locale} />} />
          </>
        ) : (
          <>
            <XAxis dataKey="label" stroke="#4a5752" interval="preserveStartEnd" />
            <YAxis tickFormatter={number} stroke="#4a5752" width={56} />
          </>
        )}
        <Legend itemSorter={null} />
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={`url(#${idPrefix}-${i})`} stroke={color(i)} strokeWidth={1} isAnimationActive={false}>
            <LabelList dataKey={s.key} position={horizontal ? 'right' : 'top'} formatter={number} className="report-chart__value" />
          </Bar>
        ))}
      </BarChart>
    </div>
  );
}

function MarkerDot({ cx, cy, marker, fill }: { cx?: number; cy?: number; marker: Marker; fill: string }) {
  if (cx === undefined || cy === undefined) return null;
  const r = 4;
  switch (marker) {
    case 'square':
      return <rect x={cx - r} y={cy - r} width={2 * r} height={2 * r} fill={fill} />;
    case 'triangle':
      return <path d={`M${cx} ${cy - r - 1}L${cx + r + 1} ${cy + r}L${cx - r - 1} ${cy + r}Z`} fill={fill} />;
    case 'diamond':
      return <path d={`M${cx} ${cy - r - 1}L${cx + r + 1} ${cy}L${cx} ${cy + r + 1}L${cx - r - 1} ${cy}Z`} fill={fill} />;
    case 'cross':
      return <path d={`M${cx - r} ${cy - r}L${cx + r} ${cy + r}M${cx + r} ${cy - r}L${cx - r} ${cy + r}`} stroke={fill} strokeWidth={2.5} />;
    default:
      return <circle cx={cx} cy={cy} r={r} fill={fill} />;
  }
}

/** Lines over time, each with its own dash style and marker. */
export function LinesChart({ label, data, series, locale }: ChartProps) {
  const number = (value: unknown) => formatNumber(Number(value ?? 0), locale, { maximumFractionDigits: 1 });
  return (
    <div className="report-chart" role="img" aria-label={label}>
      <LineChart responsive style={{ width: '100%', height: '18rem' }} data={rows(data)} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#7a8a84" strokeOpacity={0.4} vertical={false} />
        <XAxis dataKey="label" stroke="#4a5752" interval="preserveStartEnd" />
        <YAxis tickFormatter={number} stroke="#4a5752" width={56} />
        <Legend itemSorter={null} />
        {series.map((s, i) => (
          <Line
            key={s.key}
            type="linear"
            dataKey={s.key}
            name={s.label}
            stroke={color(i)}
            strokeWidth={2.5}
            strokeDasharray={DASHES[i % DASHES.length] || undefined}
            legendType={MARKERS[i % MARKERS.length] === 'cross' ? 'cross' : MARKERS[i % MARKERS.length]}
            dot={(props: { cx?: number; cy?: number; index?: number }) => <MarkerDot key={props.index} cx={props.cx} cy={props.cy} marker={MARKERS[i % MARKERS.length]} fill={color(i)} />}
            activeDot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </div>
  );
}
