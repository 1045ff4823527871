import { type Locale, type Role, type TargetGroup, resolveTargetGroup } from '@baanrian/contracts';
import { AuditLogEntity, UserEntity, UserRoleEntity } from '@baanrian/db';
import { randomInt } from 'node:crypto';
import { type EntityManager, QueryFailedError } from 'typeorm';
import { AccountsException } from './accounts.exception';

/**
 * Account creation and lookups shared by the API, the `create-admin` command and the demo seed.
 * Plain functions over an EntityManager, so each caller decides the transaction.
 */
export interface NewAccount {
  email: string | null;
  passwordHash: string | null;
  displayName: string;
  preferredLocale: Locale;
  birthYear?: number | null;
  phone?: string | null;
  province?: string | null;
  district?: string | null;
  targetGroup?: TargetGroup | null;
  roles: Role[];
  /** Normally generated; fixed only for the demo seed's documented accounts. */
  accountCode?: string;
}

export interface UserWithRoles {
  user: UserEntity;
  roles: Role[];
}

/** Five digits while they last: the code is typed by hand from a printed card. */
function accountCode(attempt: number): string {
  const digits = Math.min(5 + Math.floor(attempt / 3), 9);
  return `BR-${randomInt(10 ** (digits - 1), 10 ** digits)}`;
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}

/** Inserts the user and their roles. A taken email is EMAIL_TAKEN; a taken account code is retried with a new one. */
export async function createAccount(manager: EntityManager, input: NewAccount): Promise<UserWithRoles> {
  const group = resolveTargetGroup({ birthYear: input.birthYear, chosen: input.targetGroup });
  for (let attempt = 0; ; attempt++) {
    try {
      // ON CONFLICT keeps the transaction usable when the random code is taken; an email conflict still raises.
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO app_user (email, account_code, display_name, phone, preferred_locale, birth_year, province, district,
                               target_group, target_group_source, staff_status, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT ON CONSTRAINT "UQ_app_user_account_code" DO NOTHING
         RETURNING id`,
        [
          input.email,
          input.accountCode ?? accountCode(attempt),
          input.displayName,
          input.phone ?? null,
          input.preferredLocale,
          input.birthYear ?? null,
          input.province ?? null,
          input.district ?? null,
          group.targetGroup,
          group.targetGroupSource,
          group.staffStatus,
          input.passwordHash,
        ],
      );
      if (rows.length === 0) {
        if (input.accountCode) throw new Error(`Account code ${input.accountCode} is taken`);
        continue;
      }
      await manager.insert(UserRoleEntity, input.roles.map((role) => ({ userId: rows[0].id, role })));
      return requireUserWithRoles(manager, rows[0].id);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_app_user_email')) throw new AccountsException('EMAIL_TAKEN');
      throw error;
    }
  }
}

export async function loadUserWithRoles(manager: EntityManager, userId: string, options: { lock?: boolean } = {}): Promise<UserWithRoles | null> {
  const user = await manager.findOne(UserEntity, { where: { id: userId }, lock: options.lock ? { mode: 'pessimistic_write' } : undefined });
  if (!user) return null;
  return { user, roles: await rolesOf(manager, userId) };
}

export async function requireUserWithRoles(manager: EntityManager, userId: string, options: { lock?: boolean } = {}): Promise<UserWithRoles> {
  const account = await loadUserWithRoles(manager, userId, options);
  if (!account) throw new AccountsException('USER_NOT_FOUND');
  return account;
}

export async function rolesOf(manager: EntityManager, userId: string): Promise<Role[]> {
  const rows = await manager.find(UserRoleEntity, { where: { userId }, order: { role: 'ASC' } });
  return rows.map((row) => row.role);
}

export async function adminExists(manager: EntityManager): Promise<boolean> {
  return manager.existsBy(UserRoleEntity, { role: 'admin' });
}

/** Audit entries are written by the caller's transaction, so a change and its record exist together. */
export async function writeAudit(
  manager: EntityManager,
  entry: { actorId: string | null; action: AuditAction; targetId: string | null; details?: Record<string, unknown> },
): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) throw new Error(`Audit entry ${entry.action} must be written inside a transaction`);
  await manager.save(AuditLogEntity, manager.create(AuditLogEntity, { ...entry, details: entry.details ?? {} }));
}

export type AuditAction =
  | 'setup.admin'
  | 'cli.create-admin'
  | 'user.role.grant'
  | 'user.role.revoke'
  | 'user.disable'
  | 'user.enable'
  | 'user.staff.confirm'
  | 'user.password.reset'
  | 'user.export'
  | 'user.erase'
  | 'assisted.create'
  | 'assisted.card.issue'
  | 'walk-in.claim'
  | 'credential.revoke'
  | 'credential.reissue'
  // Every report export, answered at once or run by the worker (issue 10).
  | 'report.export'
  // An administrator retried or dismissed a job that failed for good (issue 12).
  | 'job.retry'
  | 'job.dismiss';

/** First-run setup and `create-admin`: an account holding the admin role, audited. */
export async function createAdminAccount(
  manager: EntityManager,
  input: Omit<NewAccount, 'roles'>,
  action: 'setup.admin' | 'cli.create-admin',
): Promise<UserWithRoles> {
  const created = await createAccount(manager, { ...input, roles: ['learner', 'admin'] });
  await writeAudit(manager, { actorId: action === 'setup.admin' ? created.user.id : null, action, targetId: created.user.id });
  return created;
}

/** Serialises first-run setup: two concurrent requests cannot both see "no admin yet". */
export async function lockSetup(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('baanrian:setup-admin'))`);
}

/** The rows of an UPDATE … RETURNING (TypeORM answers UPDATE and DELETE with [rows, count]). */
export async function updateReturning<T>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const [rows] = (await manager.query(sql, parameters)) as [T[], number];
  return rows;
}
