import type { Question } from '@baanrian/contracts';
import { QuestionEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { loadCourseFor } from '../courses/course-access';
import { answerKey, toQuestion } from './question-definition';
import type { CreateQuestionDto, QuestionDto, QuestionListQueryDto, QuestionPageDto, SavedQuestionDto, UpdateQuestionDto } from './question.dto';
import { checkMedia, ensureCategory, loadQuestionFor } from './quiz-access';
import { QuizzesException } from './quizzes.exception';
import { requestQuestionRegrades } from './regrades.service';

interface Row {
  id: string;
  type: Question['type'];
  definition: Question;
  category_id: string | null;
  category_path: string | null;
  tags: string[];
  key_revision: number;
  updated_at: Date;
  created_ts: string;
  used: number;
}

const SELECT = `SELECT q.id, q.type, q.definition, q.category_id, c.path AS category_path, q.tags, q.key_revision, q.updated_at,
  to_json(q.created_at) #>> '{}' AS created_ts,
  (SELECT count(*) FROM quiz z WHERE z.course_id = q.course_id AND q.id = ANY(z.question_ids))::int AS used
  FROM question q LEFT JOIN question_category c ON c.id = q.category_id`;

const toDto = (r: Row): QuestionDto => ({
  id: r.id,
  type: r.type,
  definition: r.definition,
  categoryId: r.category_id,
  categoryPath: r.category_path,
  tags: r.tags,
  keyRevision: r.key_revision,
  updatedAt: new Date(r.updated_at).toISOString(),
  usedInQuizzes: r.used,
});

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const encodeCursor = (r: Row) => Buffer.from(JSON.stringify([r.created_ts, r.id])).toString('base64url');
function decodeCursor(cursor: string): [string, string] | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && /^[0-9a-f-]{36}$/.test(value[1]) && !Number.isNaN(Date.parse(value[0])) ? [value[0], value[1]] : null;
  } catch {
    return null;
  }
}

/** The question bank of a course: the authored questions, their categories and tags. */
@Injectable()
export class QuestionBankService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Oldest first, keyset-paged on (created_at, id), so pages never skip or repeat a question. */
  async list(ability: AppAbility, courseId: string, query: QuestionListQueryDto): Promise<QuestionPageDto> {
    const manager = this.db.manager;
    await loadCourseFor(manager, ability, 'update', courseId);
    const where = ['q.course_id = $1', 'q.deleted_at IS NULL'];
    const params: unknown[] = [courseId];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.categoryId) {
      add((n) => `q.category_id IN (SELECT s.id FROM question_category s JOIN question_category p ON p.id = ${n} AND s.course_id = p.course_id
        WHERE s.path = p.path OR left(s.path, length(p.path) + 1) = p.path || '/')`, query.categoryId);
    }
    if (query.tag) add((n) => `${n} = ANY(q.tags)`, query.tag);
    if (query.type) add((n) => `q.type = ${n}`, query.type);
    if (query.q) add((n) => `(q.definition->'stem'->>'text' ILIKE ${n} OR q.definition->>'name' ILIKE ${n})`, `%${likeEscape(query.q)}%`);
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      if (cursor) {
        params.push(cursor[0], cursor[1]);
        where.push(`(q.created_at, q.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
      }
    }
    const limit = query.limit ?? 50;
    const rows: Row[] = await manager.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY q.created_at, q.id LIMIT ${limit + 1}`, params);
    const page = rows.slice(0, limit);
    return { items: page.map(toDto), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
  }

  async get(ability: AppAbility, questionId: string): Promise<QuestionDto> {
    const { question } = await loadQuestionFor(this.db.manager, ability, 'update', questionId);
    return this.read(this.db.manager, question.id);
  }

  async create(ability: AppAbility, user: AuthUser, courseId: string, dto: CreateQuestionDto): Promise<SavedQuestionDto> {
    return this.db.transaction(async (manager) => {
      const loaded = await loadCourseFor(manager, ability, 'update', courseId);
      const id = randomUUID();
      const definition = toQuestion(dto.definition, id, dto.categoryPath);
      await checkMedia(manager, ability, loaded, definition.media);
      await this.insert(manager, courseId, user.id, definition);
      return { ...(await this.read(manager, id)), regrades: [] };
    });
  }

  /** Also used by the importer, inside its all-or-nothing transaction. */
  async insert(manager: EntityManager, courseId: string, userId: string, definition: Question): Promise<void> {
    const category = definition.category ? await ensureCategory(manager, courseId, definition.category) : null;
    await manager.insert(QuestionEntity, {
      id: definition.id,
      courseId,
      categoryId: category?.id ?? null,
      type: definition.type,
      definition,
      tags: definition.tags,
      createdById: userId,
    });
  }

  /**
   * Saves an edit. When the answer key changed, `key_revision` goes up and each quiz whose
   * submitted or graded attempts delivered the question gets a regrade and its outbox event, in
   * this transaction: either the new key and its regrades exist, or neither.
   */
  async update(ability: AppAbility, user: AuthUser, questionId: string, dto: UpdateQuestionDto): Promise<SavedQuestionDto> {
    return this.db.transaction(async (manager) => {
      const { question, loaded } = await loadQuestionFor(manager, ability, 'update', questionId, true);
      const definition = toQuestion(dto.definition, question.id, dto.categoryPath);
      await checkMedia(manager, ability, loaded, definition.media);
      const keyChanged = answerKey(definition) !== answerKey(question.definition);
      if (keyChanged && dto.keyRevision !== question.keyRevision) {
        throw new QuizzesException('QUIZ_QUESTION_EDIT_CONFLICT', { keyRevision: question.keyRevision });
      }
      const category = definition.category ? await ensureCategory(manager, question.courseId, definition.category) : null;
      await manager.update(QuestionEntity, question.id, {
        definition,
        type: definition.type,
        tags: definition.tags,
        categoryId: category?.id ?? null,
        ...(keyChanged ? { keyRevision: question.keyRevision + 1 } : {}),
      });
      const regrades = keyChanged ? await requestQuestionRegrades(manager, question.id, user.id) : [];
      return { ...(await this.read(manager, question.id)), regrades };
    });
  }

  /** Soft delete: attempts that delivered it can still be reviewed; quizzes stop using it. */
  async remove(ability: AppAbility, questionId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const { question } = await loadQuestionFor(manager, ability, 'update', questionId, true);
      await manager.update(QuestionEntity, question.id, { deletedAt: new Date() });
      await manager.query(`UPDATE quiz SET question_ids = array_remove(question_ids, $1::uuid) WHERE course_id = $2 AND $1::uuid = ANY(question_ids)`, [question.id, question.courseId]);
    });
  }

  private async read(manager: EntityManager, id: string): Promise<QuestionDto> {
    const [row]: Row[] = await manager.query(`${SELECT} WHERE q.id = $1`, [id]);
    return toDto(row);
  }
}
