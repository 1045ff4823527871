/**
 * GIFT exporter: writes what `parseGift` (and Moodle) read back as the same questions. Points,
 * media, ids and tags travel in a comment line (`// [id:…] [tag:…] [points:2] [media:image:…]`):
 * Moodle reads `[id:]` and `[tag:]` and ignores the rest. GIFT has no ordering questions: they are
 * reported as skipped, never silently dropped.
 */
import { type Question, QUESTION_BLANK, type RichText, type TextFormat } from '@baanrian/contracts';
import { escapeGift, weightToPercent, writeAnnotation, writeRichText } from './gift.syntax';

export interface GiftExportResult {
  text: string;
  skipped: { questionId: string; reason: string }[];
}

const num = (n: number) => String(n);

function feedback(rich: RichText | undefined, fmt: TextFormat): string {
  return rich && rich.text ? `#${writeRichText(rich, fmt)}` : '';
}

/** An answer's text, guarded so that a leading "%" is not read as a weight. */
const weighted = (percent: string | null, text: string) =>
  percent !== null || text.startsWith('%') ? `%${percent ?? '0'}%${text}` : text;

function answerLines(q: Question): string[] | string {
  const fmt = q.stem.format;
  switch (q.type) {
    case 'single_choice': {
      const full = q.options.findIndex((o) => o.weight === 1);
      if (full < 0) return 'A single choice question needs an option worth 100% to be written as GIFT';
      return q.options.map((o, i) =>
        i === full
          ? `=${writeRichText(o.text, fmt)}${feedback(o.feedback, fmt)}`
          : `~${weighted(o.weight === 0 ? null : weightToPercent(o.weight), writeRichText(o.text, fmt))}${feedback(o.feedback, fmt)}`,
      );
    }
    case 'multiple_choice':
      return q.options.map(
        (o) => `~${weighted(o.weight === 0 ? null : weightToPercent(o.weight), writeRichText(o.text, fmt))}${feedback(o.feedback, fmt)}`,
      );
    case 'true_false': {
      const right = q.correct ? q.feedbackTrue : q.feedbackFalse;
      const wrong = q.correct ? q.feedbackFalse : q.feedbackTrue;
      let line = q.correct ? 'TRUE' : 'FALSE';
      if (wrong?.text || right?.text) line += `#${wrong?.text ? writeRichText(wrong, fmt) : ''}`;
      if (right?.text) line += `#${writeRichText(right, fmt)}`;
      return [line];
    }
    case 'short_text':
      // Moodle would read an answer with "->" as a matching question.
      if (q.answers.some((a) => a.text.includes('->') || a.feedback?.text.includes('->'))) {
        return 'GIFT cannot write "->" inside a short answer or its feedback';
      }
      return q.answers.map((a) => {
        // A leading "[" would be read as a format prefix: write one explicitly.
        const text = `${a.text.startsWith('[') ? `[${fmt}]` : ''}${escapeGift(a.text)}`;
        // Without a weight a short answer is worth 100%, so a guard for a leading "%" says 100.
        const percent = a.weight === 1 ? (text.startsWith('%') ? '100' : null) : weightToPercent(a.weight);
        return `=${weighted(percent, text)}${feedback(a.feedback, fmt)}`;
      });
    case 'numeric': {
      const lines: string[] = [];
      for (const a of q.answers) {
        const m = a.match;
        const values = m.kind === 'value' ? [m.value, m.tolerance] : m.kind === 'range' ? [m.min, m.max] : [];
        if (values.some((v) => !Number.isFinite(v))) return 'A numeric answer is not a finite number';
        const body = m.kind === 'any' ? '*' : m.kind === 'range' ? `${num(m.min)}..${num(m.max)}` : m.tolerance ? `${num(m.value)}:${num(m.tolerance)}` : num(m.value);
        lines.push(`=${a.weight === 1 ? '' : `%${weightToPercent(a.weight)}%`}${body}${feedback(a.feedback, fmt)}`);
      }
      return lines.length ? ['#', ...lines] : 'A numeric question needs an answer';
    }
    case 'matching': {
      if (q.pairs.some((p) => p.prompt.text.includes('->'))) return 'GIFT cannot write "->" inside a matching prompt';
      if (q.pairs.some((p) => !p.prompt.text.trim())) return 'A matching prompt is empty';
      return [
        ...q.pairs.map((p) => `=${writeRichText(p.prompt, fmt)} -> ${escapeGift(p.answer)}`),
        ...q.distractors.map((d) => `= -> ${escapeGift(d)}`),
      ];
    }
    case 'essay':
      return [];
    case 'ordering':
      return 'GIFT has no ordering questions';
  }
}

function annotations(q: Question): string {
  const notes: string[] = [writeAnnotation('id', q.id)];
  for (const tag of q.tags) notes.push(writeAnnotation('tag', tag));
  if (q.points !== 1) notes.push(writeAnnotation('points', num(q.points)));
  if (q.media) {
    notes.push(writeAnnotation('media', `${q.media.kind}:${q.media.mediaId}`));
    if (q.media.alt) notes.push(writeAnnotation('alt', q.media.alt));
  }
  return `// ${notes.join(' ')}`;
}

function writeQuestion(q: Question, lines: string[]): string {
  const fmt = q.stem.format;
  const general = q.generalFeedback?.text ? `####${writeRichText(q.generalFeedback, fmt)}` : '';
  const inner = general ? [...lines, general] : lines;
  const block = q.type === 'essay' && !general ? '{}' : `{\n${inner.map((l) => `\t${l}`).join('\n')}\n}`;
  const name = q.name ? `::${escapeGift(q.name)}::` : '';
  // The stem's format prefix is written when it is not Moodle's default, or when the text would
  // otherwise be misread (a leading "[", or a leading "//" read as a comment).
  const prefix = fmt !== 'moodle' || q.stem.text.startsWith('[') || (!name && q.stem.text.startsWith('//')) ? `[${fmt}]` : '';
  const cut = q.blank ? q.stem.text.indexOf(QUESTION_BLANK) : -1;
  const stem =
    cut >= 0
      ? `${escapeGift(q.stem.text.slice(0, cut))}${block.replace(/\n\t?/g, ' ')}${escapeGift(q.stem.text.slice(cut + QUESTION_BLANK.length))}`
      : `${escapeGift(q.stem.text)}${block}`;
  return `${annotations(q)}\n${name}${prefix}${stem}\n`;
}

/** Writes questions as GIFT, with `$CATEGORY:` lines where the category changes. */
export function exportGift(questions: readonly Question[]): GiftExportResult {
  const out: string[] = [];
  const skipped: GiftExportResult['skipped'] = [];
  let category: string | undefined;
  for (const q of questions) {
    const lines = answerLines(q);
    if (typeof lines === 'string') {
      skipped.push({ questionId: q.id, reason: lines });
      continue;
    }
    if (q.category !== category) {
      out.push(`$CATEGORY: ${(q.category ?? '').replace(/[\r\n]+/g, ' ')}\n`);
      category = q.category;
    }
    out.push(writeQuestion(q, lines));
  }
  return { text: out.join('\n'), skipped };
}
