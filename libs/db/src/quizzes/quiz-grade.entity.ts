import type { AttemptGrade } from '@baanrian/contracts';
import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { QuizAttemptEntity } from './quiz-attempt.entity';

const numeric = { to: (v: number) => v, from: (v: string) => Number(v) };

/**
 * The grade of one attempt. Its primary key IS the attempt id: a retried, duplicated or concurrent
 * grading job can insert it once only, so an attempt never counts twice. Regrades update it and
 * record the change in `quiz_grade_change`.
 */
@Entity('quiz_grade')
export class QuizGradeEntity {
  @PrimaryColumn({ name: 'attempt_id', type: 'uuid', primaryKeyConstraintName: 'PK_quiz_grade' })
  attemptId: string;

  @Column({ type: 'numeric', precision: 10, scale: 4, transformer: numeric })
  score: number;

  @Column({ name: 'max_score', type: 'numeric', precision: 10, scale: 4, transformer: numeric })
  maxScore: number;

  /** score / maxScore × 100, two decimals; compared with the quiz's passing percent. */
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numeric })
  percent: number;

  @Column({ type: 'boolean' })
  passed: boolean;

  /** Per question, for review and regrading. Never sent to a learner before the results policy allows. */
  @Column({ type: 'jsonb' })
  details: AttemptGrade;

  @Column({ name: 'graded_at', type: 'timestamptz', default: () => 'now()' })
  gradedAt: Date;

  /** Bumped by each regrade that changed it. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @OneToOne(() => QuizAttemptEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attempt_id', foreignKeyConstraintName: 'FK_quiz_grade_attempt' })
  attempt?: QuizAttemptEntity;
}
