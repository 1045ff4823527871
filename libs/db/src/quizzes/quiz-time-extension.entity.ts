import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';
import { QuizEntity } from './quiz.entity';

/** Extra time an instructor grants one learner on one quiz (accessibility), for every attempt. */
@Entity('quiz_time_extension')
export class QuizTimeExtensionEntity {
  @PrimaryColumn({ name: 'quiz_id', type: 'uuid', primaryKeyConstraintName: 'PK_quiz_time_extension' })
  quizId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_quiz_time_extension' })
  userId: string;

  @Column({ name: 'extra_seconds', type: 'int' })
  extraSeconds: number;

  @Column({ name: 'granted_by_id', type: 'uuid', nullable: true })
  grantedById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => QuizEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'quiz_id', foreignKeyConstraintName: 'FK_quiz_time_extension_quiz' })
  quiz?: QuizEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_quiz_time_extension_user' })
  user?: UserEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'granted_by_id', foreignKeyConstraintName: 'FK_quiz_time_extension_granted_by' })
  grantedBy?: UserEntity | null;
}
