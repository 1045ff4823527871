import { ROLES, type Role } from '@baanrian/contracts';
import { Check, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { sqlList } from '../sql-list';
import { UserEntity } from './user.entity';

/** One role held by one user; the primary key makes a grant happen at most once. */
@Entity('user_role')
// "Is there an administrator yet?" (first-run setup) and role filters in the admin list.
@Index('user_role_role_idx', ['role'])
@Check('user_role_role_check', `role IN (${sqlList(ROLES)})`)
export class UserRoleEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_user_role' })
  userId: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_user_role' })
  role: Role;

  @ManyToOne(() => UserEntity, (user) => user.roles, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_user_role_user' })
  user?: UserEntity;

  @CreateDateColumn({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;
}
