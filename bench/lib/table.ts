// The readable table of a run (Markdown: printed, written to bench/results.md and README.md).
import type { Result } from './stats';

const fmt = (x: number | null): string => (x === null ? '' : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

export function table(results: readonly Result[], meta: { date: string; seconds: number; partial: boolean }): string {
  const lines = [
    '| figure | value | baseline | ratio | target | pass |',
    '|---|---:|---:|---:|---|---|',
    ...results.map((r) => `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baseline === null ? '' : `${fmt(r.baseline)} ${r.unit}`} | ${fmt(r.ratio)} | ${r.target} | ${r.target === 'report' ? '' : r.pass ? 'yes' : '**NO**'} |`),
  ];
  const notes = results.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`);
  return `${lines.join('\n')}\n\n${notes.join('\n')}\n\n_${meta.partial ? 'Partial run' : 'npm run bench'}, ${meta.date}, ${meta.seconds} s; 2 shared cores, so absolute times are noisy: targets are ratios against a baseline measured in the same run, or counts._\n`;
}
