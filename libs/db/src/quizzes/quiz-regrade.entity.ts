import { REGRADE_STATUSES, type RegradeStatus } from '@baanrian/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';
import { sqlList } from '../sql-list';
import { QuizEntity } from './quiz.entity';

/** A regrade of a quiz's attempts after an answer key changed, with its progress for the instructor. */
@Entity('quiz_regrade')
@Index('quiz_regrade_quiz_idx', ['quizId', 'createdAt'])
@Check('quiz_regrade_status_check', `status IN (${sqlList(REGRADE_STATUSES)})`)
export class QuizRegradeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_quiz_regrade' })
  id: string;

  @Column({ name: 'quiz_id', type: 'uuid' })
  quizId: string;

  /** The question whose key changed; null when the whole quiz is regraded. */
  @Column({ name: 'question_id', type: 'uuid', nullable: true })
  questionId: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: RegradeStatus;

  @Column({ type: 'int', default: 0 })
  total: number;

  @Column({ type: 'int', default: 0 })
  done: number;

  @Column({ type: 'int', default: 0 })
  changed: number;

  @Column({ name: 'requested_by_id', type: 'uuid', nullable: true })
  requestedById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @ManyToOne(() => QuizEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'quiz_id', foreignKeyConstraintName: 'FK_quiz_regrade_quiz' })
  quiz?: QuizEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'requested_by_id', foreignKeyConstraintName: 'FK_quiz_regrade_requested_by' })
  requestedBy?: UserEntity | null;
}
