import {
  LOCALES,
  type Locale,
  STAFF_STATUSES,
  type StaffStatus,
  TARGET_GROUPS,
  TARGET_GROUP_SOURCES,
  type TargetGroup,
  type TargetGroupSource,
} from '@baanrian/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { sqlList } from '../sql-list';
import { UserRoleEntity } from './user-role.entity';

/**
 * A person with an account: a learner, an instructor, an administrator, or (later) a child
 * profile managed by a guardian. Email and password are optional, so that people without an
 * email address (assisted sign-up) and child profiles fit the same table.
 */
@Entity('app_user')
// Trigram index for the administrators' search (ILIKE '%…%' on name, code and email); declared
// by hand in the migration, since TypeORM cannot express operator classes.
@Index('app_user_search_idx', { synchronize: false })
@Check('app_user_target_group_check', `target_group IN (${sqlList(TARGET_GROUPS)})`)
@Check('app_user_target_group_source_check', `target_group_source IN (${sqlList(TARGET_GROUP_SOURCES)})`)
@Check('app_user_staff_status_check', `staff_status IN (${sqlList(STAFF_STATUSES)})`)
@Check('app_user_preferred_locale_check', `preferred_locale IN (${sqlList(LOCALES)})`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_app_user' })
  id: string;

  /** Compared case-insensitively (citext); null for people without an email address. */
  @Column({ type: 'citext', nullable: true, unique: true })
  email: string | null;

  /** Short code ("BR-48217") for sign-in cards; accepted instead of an email at sign-in. */
  @Column({ name: 'account_code', type: 'text', unique: true })
  accountCode: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ name: 'preferred_locale', type: 'text', default: 'th' })
  preferredLocale: Locale;

  @Column({ name: 'birth_year', type: 'smallint', nullable: true })
  birthYear: number | null;

  /** Area, for participation reports. */
  @Column({ type: 'text', nullable: true })
  province: string | null;

  @Column({ type: 'text', nullable: true })
  district: string | null;

  @Column({ name: 'target_group', type: 'text' })
  targetGroup: TargetGroup;

  @Column({ name: 'target_group_source', type: 'text', default: 'age' })
  targetGroupSource: TargetGroupSource;

  @Column({ name: 'staff_status', type: 'text', default: 'none' })
  staffStatus: StaffStatus;

  /** Argon2id; null for accounts that cannot sign in with a password (child profiles, unused cards). */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  /** Salted hash of a national ID number from a digital-ID provider; the number itself is never stored. */
  @Column({ name: 'national_id_hash', type: 'text', nullable: true, unique: true })
  nationalIdHash: string | null;

  /** For child profiles: the guardian who manages them. */
  @Index('app_user_guardian_idx', { where: 'guardian_id IS NOT NULL' })
  @Column({ name: 'guardian_id', type: 'uuid', nullable: true })
  guardianId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'guardian_id', foreignKeyConstraintName: 'FK_app_user_guardian' })
  guardian?: UserEntity | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null;

  /**
   * Set when the person erased their account: the row stays as an anonymous tombstone (no name,
   * contact, birth year, district or secrets) so participation counts stay correct.
   */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  /**
   * Access tokens carry the version they were issued under (`sv`); bumping it (password reset,
   * disabling, a revoked role, a new card secret, erasure) makes every earlier access token fail at
   * the next request instead of living out its 10 minutes. A counter, not a time, so clocks never matter.
   */
  @Column({ name: 'session_version', type: 'integer', default: 0 })
  sessionVersion: number;

  @OneToMany(() => UserRoleEntity, (role) => role.user)
  roles?: UserRoleEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
