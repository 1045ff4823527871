import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { QuizAttemptEntity } from './quiz-attempt.entity';
import { QuizRegradeEntity } from './quiz-regrade.entity';

const numeric = { to: (v: number) => v, from: (v: string) => Number(v) };

/**
 * The history of a grade: one row per regrade that changed it. Unique per attempt and regrade, so
 * a regrade job that runs twice records each change once.
 */
@Entity('quiz_grade_change')
@Unique('UQ_quiz_grade_change_attempt_regrade', ['attemptId', 'regradeId'])
export class QuizGradeChangeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_quiz_grade_change' })
  id: string;

  @Column({ name: 'attempt_id', type: 'uuid' })
  attemptId: string;

  @Column({ name: 'regrade_id', type: 'uuid' })
  regradeId: string;

  @Column({ name: 'old_score', type: 'numeric', precision: 10, scale: 4, transformer: numeric })
  oldScore: number;

  @Column({ name: 'new_score', type: 'numeric', precision: 10, scale: 4, transformer: numeric })
  newScore: number;

  @Column({ name: 'old_passed', type: 'boolean' })
  oldPassed: boolean;

  @Column({ name: 'new_passed', type: 'boolean' })
  newPassed: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => QuizAttemptEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attempt_id', foreignKeyConstraintName: 'FK_quiz_grade_change_attempt' })
  attempt?: QuizAttemptEntity;

  @ManyToOne(() => QuizRegradeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'regrade_id', foreignKeyConstraintName: 'FK_quiz_grade_change_regrade' })
  regrade?: QuizRegradeEntity;
}
