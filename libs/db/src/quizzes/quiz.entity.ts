import { GRADING_METHODS, type GradingMethod, type QuizDraw, RESULTS_POLICIES, type ResultsPolicy } from '@baanrian/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CourseEntity } from '../courses/course.entity';
import { sqlList } from '../sql-list';

/**
 * A quiz of a course and its settings. A `quiz` lesson points at it (`content.quizId`). Questions
 * are fixed (`questionIds`, in order) and/or drawn at random per attempt (`draws`).
 */
@Entity('quiz')
@Index('quiz_course_idx', ['courseId'])
@Check('quiz_grading_method_check', `grading_method IN (${sqlList(GRADING_METHODS)})`)
@Check('quiz_results_policy_check', `results_policy IN (${sqlList(RESULTS_POLICIES)})`)
@Check('quiz_passing_percent_check', 'passing_percent BETWEEN 0 AND 100')
@Check('quiz_attempts_allowed_check', 'attempts_allowed IS NULL OR attempts_allowed > 0')
export class QuizEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_quiz' })
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ type: 'text' })
  title: string;

  /** Null: unlimited. */
  @Column({ name: 'attempts_allowed', type: 'int', nullable: true, default: 1 })
  attemptsAllowed: number | null;

  @Column({ name: 'grading_method', type: 'text', default: 'highest' })
  gradingMethod: GradingMethod;

  @Column({ name: 'passing_percent', type: 'smallint', default: 60 })
  passingPercent: number;

  /** Null: untimed. Enforced by the server, with a small grace period for the network. */
  @Column({ name: 'time_limit_seconds', type: 'int', nullable: true })
  timeLimitSeconds: number | null;

  @Column({ name: 'shuffle_questions', type: 'boolean', default: false })
  shuffleQuestions: boolean;

  @Column({ name: 'shuffle_options', type: 'boolean', default: false })
  shuffleOptions: boolean;

  @Column({ name: 'results_policy', type: 'text', default: 'immediately' })
  resultsPolicy: ResultsPolicy;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'question_ids', type: 'uuid', array: true, default: () => `'{}'` })
  questionIds: string[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  draws: QuizDraw[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_quiz_course' })
  course?: CourseEntity;
}
