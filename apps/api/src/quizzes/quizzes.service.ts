import { QuestionCategoryEntity, QuizEntity, QuizTimeExtensionEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { loadCourseFor } from '../courses/course-access';
import { cleanMarkdown } from '../courses/markdown.renderer';
import type { CreateQuizDto, ExtensionDto, ExtensionInputDto, QuizDrawDto, QuizDto, UpdateQuizDto } from './quiz.dto';
import { loadQuizFor } from './quiz-access';
import { QuizzesException } from './quizzes.exception';

/** Live questions of a category and its sub-categories, fixed ones of the quiz left out (never drawn twice). */
const DRAWABLE = `FROM question q JOIN question_category s ON s.id = q.category_id JOIN question_category p ON p.id = $1 AND s.course_id = p.course_id
  WHERE q.deleted_at IS NULL AND (s.path = p.path OR left(s.path, length(p.path) + 1) = p.path || '/') AND NOT (q.id = ANY($2::uuid[]))`;

/** Quizzes of a course and their settings; per-learner time extensions. */
@Injectable()
export class QuizzesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(ability: AppAbility, courseId: string): Promise<QuizDto[]> {
    await loadCourseFor(this.db.manager, ability, 'teach', courseId);
    const quizzes = await this.db.manager.find(QuizEntity, { where: { courseId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return Promise.all(quizzes.map((quiz) => this.toDto(this.db.manager, quiz)));
  }

  async get(ability: AppAbility, quizId: string): Promise<QuizDto> {
    const { quiz } = await loadQuizFor(this.db.manager, ability, 'teach', quizId);
    return this.toDto(this.db.manager, quiz);
  }

  async create(ability: AppAbility, courseId: string, dto: CreateQuizDto): Promise<QuizDto> {
    return this.db.transaction(async (manager) => {
      await loadCourseFor(manager, ability, 'update', courseId, { lock: true });
      const quiz = manager.create(QuizEntity, { courseId, ...this.settings(dto) });
      await this.checkQuestions(manager, quiz);
      return this.toDto(manager, await manager.save(QuizEntity, quiz));
    });
  }

  async update(ability: AppAbility, quizId: string, dto: UpdateQuizDto): Promise<QuizDto> {
    return this.db.transaction(async (manager) => {
      const { quiz } = await loadQuizFor(manager, ability, 'update', quizId, true);
      Object.assign(quiz, this.settings(dto));
      await this.checkQuestions(manager, quiz);
      return this.toDto(manager, await manager.save(QuizEntity, quiz));
    });
  }

  /** Refused while attempts exist (grades depend on the quiz) or a lesson still points at it. */
  async remove(ability: AppAbility, quizId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const { quiz } = await loadQuizFor(manager, ability, 'update', quizId, true);
      const [{ attempts }] = await manager.query(`SELECT count(*)::int AS attempts FROM quiz_attempt WHERE quiz_id = $1`, [quiz.id]);
      if (attempts > 0) throw new QuizzesException('QUIZ_HAS_ATTEMPTS');
      if ((await lessonIds(manager, quiz)).length) throw new QuizzesException('QUIZ_IN_LESSON');
      await manager.delete(QuizEntity, { id: quiz.id });
    });
  }

  /**
   * Extra time for one learner (accessibility). Applies to later attempts and, when the quiz is
   * timed, moves the deadline of the learner's open attempt too.
   */
  async putExtension(ability: AppAbility, user: AuthUser, quizId: string, userId: string, dto: ExtensionInputDto): Promise<ExtensionDto> {
    return this.db.transaction(async (manager) => {
      const { quiz } = await loadQuizFor(manager, ability, 'teach', quizId, true);
      const [seat] = await manager.query(`SELECT 1 FROM enrollment WHERE course_id = $1 AND user_id = $2 AND status IN ('active', 'completed')`, [quiz.courseId, userId]);
      if (!seat) throw new QuizzesException('QUIZ_LEARNER_NOT_ENROLLED');
      await manager.upsert(QuizTimeExtensionEntity, { quizId: quiz.id, userId, extraSeconds: dto.extraSeconds, grantedById: user.id }, ['quizId', 'userId']);
      await moveOpenDeadline(manager, quiz, userId, dto.extraSeconds);
      return { quizId: quiz.id, userId, extraSeconds: dto.extraSeconds };
    });
  }

  async deleteExtension(ability: AppAbility, quizId: string, userId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const { quiz } = await loadQuizFor(manager, ability, 'teach', quizId, true);
      await manager.delete(QuizTimeExtensionEntity, { quizId: quiz.id, userId });
      await moveOpenDeadline(manager, quiz, userId, 0);
    });
  }

  private settings(dto: UpdateQuizDto): Partial<QuizEntity> {
    const pick = <K extends keyof UpdateQuizDto>(key: K) => (dto[key] !== undefined ? { [key]: dto[key] } : {});
    return {
      ...(dto.title !== undefined ? { title: cleanMarkdown(dto.title) } : {}),
      ...pick('attemptsAllowed'),
      ...pick('gradingMethod'),
      ...pick('passingPercent'),
      ...pick('timeLimitSeconds'),
      ...pick('shuffleQuestions'),
      ...pick('shuffleOptions'),
      ...pick('resultsPolicy'),
      ...(dto.dueAt !== undefined ? { dueAt: dto.dueAt === null ? null : new Date(dto.dueAt) } : {}),
      ...pick('questionIds'),
      ...(dto.draws !== undefined ? { draws: dto.draws.map((d: QuizDrawDto) => ({ categoryId: d.categoryId, count: d.count })) } : {}),
    } as Partial<QuizEntity>;
  }

  /**
   * Fixed questions must be live questions of the course's bank; each draw needs a category of
   * the course holding enough questions besides the fixed ones. 422 QUIZ_SETTINGS_INVALID with
   * `reasons` and, for draws, `draws: [{ categoryId, requested, available }]`.
   */
  private async checkQuestions(manager: EntityManager, quiz: QuizEntity): Promise<void> {
    const reasons = new Set<string>();
    const fixed = quiz.questionIds ?? [];
    if (fixed.length) {
      const [{ found }] = await manager.query(`SELECT count(*)::int AS found FROM question WHERE course_id = $1 AND deleted_at IS NULL AND id = ANY($2::uuid[])`, [quiz.courseId, fixed]);
      if (found !== fixed.length) reasons.add('question_not_in_bank');
    }
    const draws = quiz.draws ?? [];
    const short: { categoryId: string; requested: number; available: number }[] = [];
    if (new Set(draws.map((d) => d.categoryId)).size !== draws.length) reasons.add('draw_duplicate_category');
    const categories = draws.length ? await manager.findBy(QuestionCategoryEntity, { id: In(draws.map((d) => d.categoryId)), courseId: quiz.courseId }) : [];
    for (const draw of draws) {
      if (!categories.some((c) => c.id === draw.categoryId)) {
        reasons.add('draw_category_not_found');
        continue;
      }
      const [{ available }] = await manager.query(`SELECT count(*)::int AS available ${DRAWABLE}`, [draw.categoryId, fixed]);
      if (available < draw.count) short.push({ categoryId: draw.categoryId, requested: draw.count, available });
    }
    if (short.length) reasons.add('draw_not_enough_questions');
    if (reasons.size) throw new QuizzesException('QUIZ_SETTINGS_INVALID', { reasons: [...reasons], draws: short });
  }

  private async toDto(manager: EntityManager, quiz: QuizEntity): Promise<QuizDto> {
    const [{ fixed_points }] = await manager.query(`SELECT coalesce(sum((definition->>'points')::numeric), 0)::float AS fixed_points FROM question WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL`, [quiz.questionIds]);
    let maxScore: number | null = fixed_points;
    for (const draw of quiz.draws) {
      const [row] = await manager.query(`SELECT min((q.definition->>'points')::numeric)::float AS lo, max((q.definition->>'points')::numeric)::float AS hi ${DRAWABLE}`, [draw.categoryId, quiz.questionIds]);
      maxScore = maxScore === null || row.lo === null || row.lo !== row.hi ? null : maxScore + draw.count * row.hi;
    }
    return {
      id: quiz.id,
      courseId: quiz.courseId,
      title: quiz.title,
      attemptsAllowed: quiz.attemptsAllowed,
      gradingMethod: quiz.gradingMethod,
      passingPercent: quiz.passingPercent,
      timeLimitSeconds: quiz.timeLimitSeconds,
      shuffleQuestions: quiz.shuffleQuestions,
      shuffleOptions: quiz.shuffleOptions,
      resultsPolicy: quiz.resultsPolicy,
      dueAt: quiz.dueAt?.toISOString() ?? null,
      questionIds: quiz.questionIds,
      draws: quiz.draws,
      questionCount: quiz.questionIds.length + quiz.draws.reduce((s, d) => s + d.count, 0),
      maxScore,
      lessonIds: await lessonIds(manager, quiz),
    };
  }
}

async function lessonIds(manager: EntityManager, quiz: QuizEntity): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM lesson WHERE course_id = $1 AND type = 'quiz' AND deleted_at IS NULL AND content->>'quizId' = $2 ORDER BY id`,
    [quiz.courseId, quiz.id],
  );
  return rows.map((r) => r.id);
}

async function moveOpenDeadline(manager: EntityManager, quiz: QuizEntity, userId: string, extraSeconds: number): Promise<void> {
  if (quiz.timeLimitSeconds === null) return;
  await manager.query(
    `UPDATE quiz_attempt SET deadline_at = started_at + make_interval(secs => $3) WHERE quiz_id = $1 AND user_id = $2 AND status = 'in_progress'`,
    [quiz.id, userId, quiz.timeLimitSeconds + extraSeconds],
  );
}
