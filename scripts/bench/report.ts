// The benchmark's table: each figure beside its budget, printed for people and written into docs/PERFORMANCE.md.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from './lsp';

export interface Row {
  section: string;
  measure: string;
  figure: string;
  budget: string;
  /** true = within budget, false = over, undefined = no budget or not measured. */
  ok?: boolean;
}

export function verdict(row: Row): string {
  if (row.ok === undefined) return row.budget ? 'n/a' : '';
  return row.ok ? 'ok' : 'OVER';
}

export function printTable(rows: Row[]): string {
  const header: [string, string, string, string] = ['measure', 'figure', 'budget', ''];
  const cells = rows.map((r) => [r.measure, r.figure, r.budget, verdict(r)] as [string, string, string, string]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => c.map((s, i) => s.padEnd(widths[i]!)).join('  ').trimEnd();
  const out: string[] = [];
  let section = '';
  out.push(line(header));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r, i) => {
    if (r.section !== section) {
      section = r.section;
      out.push(`[${section}]`);
    }
    out.push(line(cells[i]!));
  });
  return out.join('\n');
}

/**
 * How fast this shared machine is right now: the milliseconds a fixed workload takes (integer mixing, then
 * dependent look-ups in a 4 MB table, roughly what the tagger does), best of three. The machine is shared
 * and its speed drifts: figures from two runs compare only next to their probes.
 */
export function machineProbe(): number {
  const table = new Int32Array(1 << 20);
  for (let i = 0; i < table.length; i++) table[i] = (Math.imul(i, 0x9e3779b1) >>> 12) & (table.length - 1);
  let best = Infinity;
  let sink = 0;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    let x = 0;
    for (let i = 0; i < 1e7; i++) x = Math.imul(x, 31) + i;
    let j = 0;
    for (let i = 0; i < 2e6; i++) j = table[j ^ (i & 1023)]!;
    best = Math.min(best, performance.now() - t);
    sink ^= x ^ j;
  }
  // (the sink keeps the loops from being optimised away)
  return sink === 0.5 ? NaN : best;
}

export function machineLine(quick: boolean): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ${os.cpus().length} × ${cpu}, load average ${load}${quick ? ', --quick run' : ''}`;
}

function markdownTable(rows: Row[]): string {
  const out = ['| | measure | figure | budget | |', '|---|---|---|---|---|'];
  let section = '';
  for (const r of rows) {
    const label = r.section !== section ? `**${r.section}**` : '';
    section = r.section;
    const mark = r.ok === undefined ? '' : r.ok ? 'ok' : '**over**';
    out.push(`| ${label} | ${r.measure.replace(/\|/g, '\\|')} | ${r.figure} | ${r.budget} | ${mark} |`);
  }
  return out.join('\n');
}

const START = '<!-- bench:start (written by `npm run bench -- --write`; edit the text around it, not inside) -->';
const END = '<!-- bench:end -->';

/** Replaces the figures block of docs/PERFORMANCE.md, keeping the prose around it. */
export function writePerformanceDoc(rows: Row[], notes: string[], quick: boolean): string {
  const file = path.join(repoRoot, 'docs/PERFORMANCE.md');
  const block = [START, '', `Latest run: ${machineLine(quick)}.`, '', markdownTable(rows), '', ...notes.map((n) => `- ${n}`), '', END].join('\n');
  let doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# Performance\n\n${START}\n${END}\n`;
  const from = doc.indexOf('<!-- bench:start');
  const to = doc.indexOf(END);
  doc = from >= 0 && to > from ? doc.slice(0, from) + block + doc.slice(to + END.length) : `${doc.trimEnd()}\n\n${block}\n`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, doc);
  return file;
}
