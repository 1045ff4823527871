import type { QuestionMedia } from '@baanrian/contracts';
import { MediaAssetEntity, QuestionCategoryEntity, QuestionEntity, QuizEntity } from '@baanrian/db';
import type { EntityManager } from 'typeorm';
import { asMedia } from '../authz/ability.factory';
import type { AppAbility, AppAction } from '../authz/authz.types';
import { type LoadedCourse, loadCourseFor, missingInCourse, missingInStudio } from '../courses/course-access';
import { QuizzesException } from './quizzes.exception';

/**
 * The course check of every quiz authoring endpoint, in one place: its course decides (403 for
 * another instructor's course, as in the rest of the studio); an unknown id answers that same 403
 * to everyone but administrators and the course's teachers (a deleted question), who get 404.
 */
export async function loadQuestionFor(manager: EntityManager, ability: AppAbility, action: AppAction, questionId: string, lock = false) {
  const question = await manager.findOne(QuestionEntity, { where: { id: questionId }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  if (!question || question.deletedAt) throw await missingInCourse(manager, ability, action, question?.courseId, new QuizzesException('QUIZ_QUESTION_NOT_FOUND'));
  const loaded = await loadCourseFor(manager, ability, action, question.courseId);
  return { question, loaded };
}

export async function loadQuizFor(manager: EntityManager, ability: AppAbility, action: AppAction, quizId: string, lock = false) {
  const quiz = await manager.findOne(QuizEntity, { where: { id: quizId }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  if (!quiz) throw missingInStudio(ability, action, new QuizzesException('QUIZ_NOT_FOUND'));
  const loaded = await loadCourseFor(manager, ability, action, quiz.courseId);
  return { quiz, loaded };
}

/** The category with this path, created when missing (concurrent creators get the same row). */
export async function ensureCategory(manager: EntityManager, courseId: string, path: string): Promise<QuestionCategoryEntity> {
  await manager.query(`INSERT INTO question_category (course_id, path) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT "UQ_question_category_course_path" DO NOTHING`, [courseId, path]);
  return manager.findOneByOrFail(QuestionCategoryEntity, { courseId, path });
}

/**
 * A question's picture or sound must be a ready file of the right kind that the course's
 * instructors may use: uploaded by one of them, or readable by the caller (administrators).
 */
export async function checkMedia(manager: EntityManager, ability: AppAbility, loaded: LoadedCourse, media: QuestionMedia | undefined): Promise<void> {
  if (!media) return;
  const asset = await manager.findOneBy(MediaAssetEntity, { id: media.mediaId, status: 'ready' });
  const teachers = [loaded.course.ownerId, ...loaded.coTeacherIds];
  const usable = asset && ((asset.ownerId !== null && teachers.includes(asset.ownerId)) || ability.can('read', asMedia(asset)));
  if (!asset || !usable) throw new QuizzesException('QUIZ_MEDIA_INVALID', { reason: 'media_not_usable', mediaId: media.mediaId });
  if (asset.kind !== media.kind) throw new QuizzesException('QUIZ_MEDIA_INVALID', { reason: 'media_kind_mismatch', mediaId: media.mediaId });
}
