import { QuestionCategoryEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppAbility } from '../authz/authz.types';
import { loadCourseFor, missingInStudio } from '../courses/course-access';
import type { QuestionCategoryDto, CreateQuestionCategoryDto } from './question.dto';
import { QuizzesException } from './quizzes.exception';

/** Categories of a course's bank, named by path (`Grammar/Tones`); sorted by path, so a tree reads top-down. */
@Injectable()
export class QuestionCategoriesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(ability: AppAbility, courseId: string): Promise<QuestionCategoryDto[]> {
    await loadCourseFor(this.db.manager, ability, 'update', courseId);
    const rows: { id: string; path: string; count: number }[] = await this.db.query(
      `SELECT c.id, c.path, count(q.id)::int AS count FROM question_category c
       LEFT JOIN question q ON q.category_id = c.id AND q.deleted_at IS NULL
       WHERE c.course_id = $1 GROUP BY c.id ORDER BY c.path COLLATE "C"`,
      [courseId],
    );
    return rows.map((r) => ({ id: r.id, path: r.path, questionCount: r.count }));
  }

  async create(ability: AppAbility, courseId: string, dto: CreateQuestionCategoryDto): Promise<QuestionCategoryDto> {
    return this.db.transaction(async (manager) => {
      await loadCourseFor(manager, ability, 'update', courseId);
      const path = dto.path.normalize('NFC');
      const [row]: { id: string }[] = await manager.query(
        `INSERT INTO question_category (course_id, path) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT "UQ_question_category_course_path" DO NOTHING RETURNING id`,
        [courseId, path],
      );
      if (!row) throw new QuizzesException('QUIZ_CATEGORY_EXISTS');
      return { id: row.id, path, questionCount: 0 };
    });
  }

  /** Questions stay in the bank, uncategorised; random draws from the category go with it. */
  async remove(ability: AppAbility, categoryId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const category = await manager.findOneBy(QuestionCategoryEntity, { id: categoryId });
      if (!category) throw missingInStudio(ability, 'update', new QuizzesException('QUIZ_CATEGORY_NOT_FOUND'));
      await loadCourseFor(manager, ability, 'update', category.courseId, { lock: true });
      await manager.query(
        `UPDATE quiz SET draws = coalesce((SELECT jsonb_agg(d) FROM jsonb_array_elements(draws) d WHERE d->>'categoryId' <> $1), '[]'::jsonb)
         WHERE course_id = $2 AND draws @> $3::jsonb`,
        [category.id, category.courseId, JSON.stringify([{ categoryId: category.id }])],
      );
      await manager.delete(QuestionCategoryEntity, { id: category.id });
    });
  }
}
