import type { AttemptGrade, Question, QuestionGrade, RichText } from '@baanrian/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../authz/authz.types';
import { learnerView } from './attempt-delivery';
import type { AttemptResultDto, AttemptReviewItemDto } from './attempt.dto';
import { type AttemptRow, loadDefinitions, loadOwnAttempt, loadQuiz, resultsReleased } from './attempt.records';
import { AttemptsException } from './attempts.exception';

/** Feedback a learner earned on one question: of the matched options/answers, then the general one. */
function feedbackOf(question: Question, grade: QuestionGrade, response: unknown): RichText[] {
  const matched = new Set(grade.matchedIds ?? []);
  const out: RichText[] = [];
  const add = (text: RichText | undefined) => text && out.push({ text: text.text, format: text.format });
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice':
      question.options.filter((o) => matched.has(o.id)).forEach((o) => add(o.feedback));
      break;
    case 'short_text':
    case 'numeric':
      question.answers.filter((a) => matched.has(a.id)).forEach((a) => add(a.feedback));
      break;
    case 'true_false': {
      const value = (response as { value?: boolean | null } | null)?.value;
      if (value === true) add(question.feedbackTrue);
      if (value === false) add(question.feedbackFalse);
      break;
    }
    default:
      break;
  }
  add(question.generalFeedback);
  return out;
}

/** The result of an attempt, shown as the quiz's results policy allows, with the review of each question. */
@Injectable()
export class AttemptResultsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async result(user: AuthUser, attemptId: string, now: Date): Promise<AttemptResultDto> {
    const attempt = await loadOwnAttempt(this.db.manager, attemptId, user.id);
    return this.resultOf(attempt, now);
  }

  /** Also checks ownership; used by the event stream before it starts. */
  async assertOwn(user: AuthUser, attemptId: string): Promise<void> {
    await loadOwnAttempt(this.db.manager, attemptId, user.id);
  }

  async resultOf(attempt: AttemptRow, now: Date): Promise<AttemptResultDto> {
    if (attempt.status === 'in_progress') throw new AttemptsException('ATTEMPT_NOT_SUBMITTED');
    const [grade]: { score: string; max_score: string; percent: string; passed: boolean; details: AttemptGrade }[] = await this.db.query(
      `SELECT score, max_score, percent, passed, details FROM quiz_grade WHERE attempt_id = $1`,
      [attempt.id],
    );
    if (attempt.status !== 'graded' || !grade) return { status: 'grading', released: false };
    const quiz = await loadQuiz(this.db.manager, attempt.quiz_id);
    if (!resultsReleased(quiz, now)) {
      return { status: 'graded', released: false, releasedAt: quiz.results_policy === 'after_due' ? quiz.due_at?.toISOString() ?? null : null };
    }
    const definitions = await loadDefinitions(this.db.manager, attempt.questions.map((q) => q.questionId));
    const grades = new Map(grade.details.questions.map((g) => [g.questionId, g]));
    const review: AttemptReviewItemDto[] = attempt.questions.flatMap((delivered) => {
      const question = definitions.get(delivered.questionId);
      const questionGrade = grades.get(delivered.questionId);
      if (!question || !questionGrade) return [];
      const response = attempt.responses[delivered.questionId] ?? null;
      return [
        {
          question: learnerView(delivered, question),
          response,
          score: questionGrade.score,
          maxScore: questionGrade.maxScore,
          correct: questionGrade.correct,
          matchedIds: questionGrade.matchedIds ?? [],
          feedback: feedbackOf(question, questionGrade, response),
        },
      ];
    });
    return {
      status: 'graded',
      released: true,
      score: Number(grade.score),
      maxScore: Number(grade.max_score),
      percent: Number(grade.percent),
      passed: grade.passed,
      review,
    };
  }

  /** Re-reads the attempt until it is graded (or `signal` aborts); the event stream's loop. */
  async waitForResult(user: AuthUser, attemptId: string, now: () => Date, signal: AbortSignal, pollMs = 500): Promise<AttemptResultDto | null> {
    while (!signal.aborted) {
      const attempt = await loadOwnAttempt(this.db.manager, attemptId, user.id);
      if (attempt.status === 'graded') return this.resultOf(attempt, now());
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    return null;
  }
}
