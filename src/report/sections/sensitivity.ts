/**
 * The sensitivity section (DESIGN section 4, `sensitivity`): the tornado as a sorted
 * list, as an SVG chart (no external resources), and as the flat table for `-f csv
 * --table sensitivity`. Formats the report's figures; computes nothing but positions.
 */
import type { Report } from '../../model/types.js';
import type { Sensitivity } from '../../model/sensitivity.js';
import type { Money } from '../cells.js';
import { formatNumber } from '../format.js';
import type { Cell } from './capacity.js';

export const SENSITIVITY_HEAD = ['Input (--set key)', 'Today', 'Low', 'High', 'At low', 'At high', 'Break-even'];
export const SENSITIVITY_TEXT_COLUMNS = 1;

export function sensitivityTitle(s: Sensitivity): string {
  return `Sensitivity (each input at ±${formatNumber(100 * s.delta)}%, by swing; break-even: where the savings change sign):`;
}

/** A figure as --set takes it: memory keys are bytes, shown as Mi; others to 4 significant digits. */
export function formatInput(name: string, value: number): string {
  if (/\.memory$/.test(name)) return `${formatNumber(value / 2 ** 20, value % 2 ** 20 === 0 ? 0 : 1)}Mi`;
  return String(Number(value.toPrecision(4)));
}

export function sensitivityCells(s: Sensitivity, money: Money): string[][] {
  return s.inputs.map((r) => [
    r.name,
    formatInput(r.name, r.today),
    formatInput(r.name, r.low),
    formatInput(r.name, r.high),
    money(r.savingsLow),
    money(r.savingsHigh),
    r.breakEven === null ? 'none' : formatInput(r.name, r.breakEven),
  ]);
}

/** "olx-prd/ads: 4,167 rps" per waypoint: the L7 rps where its waypoint and its sidecars cost the same. */
export function waypointBreakEvenLines(s: Sensitivity): string[] {
  return s.waypointBreakEven.map((w) => `${w.cluster}/${w.namespace}: ${w.rps === null ? 'none within 100 × today' : `${formatNumber(w.rps)} rps`}`);
}

export const WAYPOINT_BREAK_EVEN_TITLE = "Waypoint break-even (the L7 rps where waypoint + cross-zone cost meet the sidecars')";

const CHART = { width: 760, label: 250, bar: 16, gap: 6, top: 26, pad: 90 };
const LOW_COLOR = '#2563eb';
const HIGH_COLOR = '#d97706';

/**
 * The tornado: one bar per input from the savings today to the savings at its low and its
 * high end, widest first, on one scale; the vertical line is today's savings.
 */
export function tornadoSvg(s: Sensitivity, savingsToday: number, money: Money, esc: (t: string) => string): string {
  const { width, label, bar, gap, top, pad } = CHART;
  const values = [savingsToday, ...s.inputs.flatMap((r) => [r.savingsLow, r.savingsHigh])];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = width - label - 2 * pad;
  const x = (v: number) => label + pad + (max > min ? ((v - min) / (max - min)) * span : span / 2);
  const height = top + s.inputs.length * (bar + gap);
  const parts = [
    `<rect x="${label}" y="4" width="12" height="12" fill="${LOW_COLOR}"></rect><text x="${label + 18}" y="15">input at low</text>`,
    `<rect x="${label + 120}" y="4" width="12" height="12" fill="${HIGH_COLOR}"></rect><text x="${label + 138}" y="15">input at high</text>`,
    `<line x1="${x(savingsToday).toFixed(1)}" y1="${top - 4}" x2="${x(savingsToday).toFixed(1)}" y2="${height}" stroke="#374151"></line>`,
  ];
  s.inputs.forEach((r, i) => {
    const y = top + i * (bar + gap);
    parts.push(`<text x="0" y="${y + bar - 4}">${esc(r.name)}</text>`);
    for (const [v, color] of [[r.savingsLow, LOW_COLOR], [r.savingsHigh, HIGH_COLOR]] as const) {
      const a = Math.min(x(v), x(savingsToday));
      const w = Math.abs(x(v) - x(savingsToday));
      parts.push(`<rect x="${a.toFixed(1)}" y="${y}" width="${Math.max(w, 1).toFixed(1)}" height="${bar}" fill="${color}" fill-opacity="0.8"><title>${esc(`${r.name}: ${money(v)}`)}</title></rect>`);
    }
    const ends = [r.savingsLow, r.savingsHigh];
    parts.push(`<text x="${(x(Math.max(...ends, savingsToday)) + 6).toFixed(1)}" y="${y + bar - 4}">${esc(money(Math.max(...ends)))}</text>`);
    parts.push(`<text x="${(x(Math.min(...ends, savingsToday)) - 6).toFixed(1)}" y="${y + bar - 4}" text-anchor="end">${esc(money(Math.min(...ends)))}</text>`);
  });
  return `<svg class="chart tornado" role="img" aria-label="${esc('Savings at each input\'s low and high end')}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

/** `-f csv --table sensitivity`: one row per input, in the order of the tornado. */
export function sensitivityTable(report: Report): { header: string[]; rows: Cell[][] } | undefined {
  const s = report.sensitivity;
  if (!s) return undefined;
  return {
    header: ['name', 'today', 'low', 'high', 'savings_low', 'savings_high', 'break_even', 'currency', 'delta'],
    rows: s.inputs.map((r) => [r.name, r.today, r.low, r.high, { money: r.savingsLow }, { money: r.savingsHigh }, r.breakEven, report.currency, s.delta]),
  };
}
