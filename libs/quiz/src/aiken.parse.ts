/**
 * Aiken importer (Moodle's simplest format): a question's text, options "A." or "A)" and an
 * "ANSWER: X" line; questions make single choice questions. The text may run over several lines
 * (newer Moodle accepts that). Never throws: problems come back with line and column.
 */
import type { ChoiceOption, Question, QuizImportIssue, QuizImportResult } from '@baanrian/contracts';

export interface AikenParseOptions {
  newId?: (n: number) => string;
  defaultPoints?: number;
}

interface Draft {
  line: number;
  column: number;
  stem: string[];
  options: { label: string; text: string }[];
}

const OPTION = /^([A-Z])[).][ \t]+(.*)$/;
const ANSWER = /^ANSWER:[ \t]*(.*)$/;

export function parseAiken(source: string, options: AikenParseOptions = {}): QuizImportResult {
  const questions: Question[] = [];
  const errors: QuizImportIssue[] = [];
  const warnings: QuizImportIssue[] = [];
  const newId = options.newId ?? ((n: number) => `q${n}`);
  let draft: Draft | null = null;

  const missingAnswer = (d: Draft) =>
    errors.push({ line: d.line, column: d.column, code: 'answer_missing', message: 'This question has no "ANSWER:" line; skipped' });

  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (!text) return;
    const column = raw.length - raw.trimStart().length + 1;
    const option = OPTION.exec(text);
    const answer = ANSWER.exec(text);
    if (option) {
      if (!draft) {
        errors.push({ line, column, code: 'option_without_question', message: `Option ${option[1]} comes before any question text` });
        return;
      }
      const expected = String.fromCharCode(65 + draft.options.length);
      if (option[1] !== expected) {
        warnings.push({ line, column, code: 'option_label_order', message: `Option ${option[1]} where ${expected} was expected` });
      }
      draft.options.push({ label: option[1], text: option[2].trim() });
    } else if (answer) {
      if (!draft) {
        errors.push({ line, column, code: 'answer_without_question', message: '"ANSWER:" comes before any question text' });
        return;
      }
      const d: Draft = draft;
      draft = null;
      const label = answer[1].trim().charAt(0);
      const letterColumn = column + text.indexOf(answer[1].trim() || ':');
      const right = d.options.findIndex((o) => o.label === label);
      if (d.options.length < 2) {
        errors.push({ line: d.line, column: d.column, code: 'too_few_options', message: 'A question needs at least 2 options (A., B., …); skipped' });
      } else if (right < 0) {
        errors.push({ line, column: letterColumn, code: 'answer_not_an_option', message: `"ANSWER: ${answer[1].trim()}" names no option of this question; skipped` });
      } else {
        const id = newId(questions.length + 1);
        const opts: ChoiceOption[] = d.options.map((o, k) => ({
          id: `${id}-${k + 1}`,
          text: { text: o.text, format: 'plain' },
          weight: k === right ? 1 : 0,
        }));
        questions.push({
          id,
          type: 'single_choice',
          stem: { text: d.stem.join('\n'), format: 'plain' },
          points: options.defaultPoints ?? 1,
          tags: [],
          options: opts,
        });
      }
    } else if (draft && draft.options.length === 0) {
      draft.stem.push(text);
    } else {
      if (draft) missingAnswer(draft);
      draft = { line, column, stem: [text], options: [] };
    }
  });
  if (draft) missingAnswer(draft);
  return { questions, errors, warnings };
}
