/**
 * Imports every question file in a directory with the quiz importers and prints, per file, the
 * questions by type and each problem with its line and column. For checking the importers against
 * question banks written elsewhere (e.g. Moodle's own GIFT examples); not part of `npm test`.
 *
 *   npm run check:gift -- ../shared/fixtures/moodle-gift
 *
 * Files named *.aiken or *aiken*.txt are read as Aiken, *.md files are skipped, the rest as GIFT.
 * Each file's questions are also exported to GIFT and imported again, and the line says whether
 * they came back identical. Exits 1 when a file has errors or a round trip differs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { QuizImportResult } from '@baanrian/contracts';
import { exportGift, parseAiken, parseGift } from '@baanrian/quiz';

export function summarize(file: string, result: QuizImportResult): string[] {
  const byType = new Map<string, number>();
  for (const q of result.questions) byType.set(q.type, (byType.get(q.type) ?? 0) + 1);
  const types = [...byType].sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => `${t} ${n}`).join(', ');
  const out = [
    `${file}: ${result.questions.length} questions (${types || 'none'}), ${result.errors.length} errors, ${result.warnings.length} warnings`,
  ];
  for (const e of result.errors) out.push(`  error   ${e.line}:${e.column} ${e.code}: ${e.message}`);
  for (const w of result.warnings) out.push(`  warning ${w.line}:${w.column} ${w.code}: ${w.message}`);
  return out;
}

function main(dir: string | undefined): number {
  if (!dir) {
    console.error('usage: npm run check:gift -- <directory>');
    return 2;
  }
  let failed = false;
  const files = readdirSync(dir)
    .filter((f) => statSync(path.join(dir, f)).isFile() && !f.endsWith('.md'))
    .sort();
  for (const file of files) {
    const source = readFileSync(path.join(dir, file), 'utf8');
    const aiken = /\.aiken$|aiken.*\.txt$/i.test(file);
    const result = aiken ? parseAiken(source) : parseGift(source);
    const again = exportGift(result.questions);
    const reimported = parseGift(again.text);
    const expressible = result.questions.filter((q) => !again.skipped.some((s) => s.questionId === q.id));
    const same = isDeepStrictEqual(reimported.questions, expressible);
    if (result.errors.length || !same) failed = true;
    console.log(summarize(`${file}${aiken ? ' [aiken]' : ''}`, result).join('\n'));
    console.log(`  GIFT round trip: ${same ? 'identical' : 'DIFFERS'}${again.skipped.length ? ` (${again.skipped.length} not expressible in GIFT)` : ''}`);
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv[2]);
