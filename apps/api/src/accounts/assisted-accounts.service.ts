import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { formatCardCode } from '@baanrian/contracts';
import { AssistedAccountEntity, SignInCardEntity, UserEntity, UserRoleEntity } from '@baanrian/db';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { asAssistedAccount } from '../authz/ability.factory';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { ensureCan, missingObject } from '../authz/policy';
import { toAdminUserDto } from './account.mapper';
import { AccountsException } from './accounts.exception';
import type {
  AssistedAccountDto,
  AssistedAccountPageDto,
  CreateAssistedAccountDto,
  IssueCardDto,
  ListAssistedAccountsQueryDto,
  SignInCardDto,
} from './assisted.dto';
import { RefreshTokenService } from './refresh-token.service';
import { generateCardCode, qrSvg, SignInCardCodes } from './sign-in-card.codes';
import { createAccount, loadUserWithRoles, type UserWithRoles, writeAudit } from './user-accounts';

export interface PrintedCard {
  accountCode: string;
  code: string;
  expiresAt: Date;
}

/**
 * Assisted sign-up: an instructor or administrator creates a learner account without email or
 * password and prints a sign-in card for it; later prints a new card for a lost one (or, with
 * `resetSecret`, for a forgotten PIN). Who may do which is in the policy (ability.factory.ts).
 */
@Injectable()
export class AssistedAccountsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly codes: SignInCardCodes,
    private readonly refreshTokens: RefreshTokenService,
  ) {}

  async create(actor: AuthUser, dto: CreateAssistedAccountDto): Promise<AssistedAccountDto> {
    const { user, printed } = await this.db.transaction(async (manager) => {
      const { account, card } = await this.createWithin(manager, actor.id, dto);
      return { user: toAdminUserDto(account.user, account.roles), printed: card };
    });
    return { user, card: await this.describe(printed) };
  }

  /**
   * The account, its assisted-account record, its first card and the audit entry, in the caller's
   * transaction: walk-ins at an onsite session (attendance module) are made this way too, together
   * with their enrolment. Hand the card to `describe` after the commit.
   */
  async createWithin(manager: EntityManager, actorId: string, dto: CreateAssistedAccountDto): Promise<{ account: UserWithRoles; card: PrintedCard }> {
    const account = await createAccount(manager, { ...dto, email: null, passwordHash: null, roles: ['learner'] });
    await manager.insert(AssistedAccountEntity, { userId: account.user.id, createdById: actorId });
    const card = await this.print(manager, account.user, actorId);
    await writeAudit(manager, {
      actorId,
      action: 'assisted.create',
      targetId: account.user.id,
      details: { accountCode: account.user.accountCode, cardExpiresAt: card.expiresAt.toISOString() },
    });
    return { account, card };
  }

  /**
   * A new card replaces any live one at once. An account whose holder already chose a secret gets
   * a card only with `resetSecret`, which removes that secret and ends their sessions: whoever
   * holds the old card or knows the old PIN is out, and the holder chooses again with the new card.
   */
  async issueCard(ability: AppAbility, actor: AuthUser, targetId: string, dto: IssueCardDto): Promise<AssistedAccountDto> {
    const { user, printed } = await this.db.transaction(async (manager) => {
      // The user row lock orders this against a concurrent redemption (which takes it first too).
      const target = await loadUserWithRoles(manager, targetId, { lock: true });
      // An unknown id answers what an account one may not print a card for answers (403), but to administrators.
      if (!target) throw missingObject(ability, 'issueCard', asAssistedAccount({ userId: targetId, createdById: null, roles: [] }), new AccountsException('USER_NOT_FOUND'));
      const assisted = await manager.findOneBy(AssistedAccountEntity, { userId: targetId });
      ensureCan(ability, 'issueCard', asAssistedAccount({ userId: targetId, createdById: assisted?.createdById ?? null, roles: target.roles }));
      if (!assisted) throw new AccountsException('NOT_ASSISTED_ACCOUNT');
      const hadSecret = target.user.passwordHash !== null;
      if (hadSecret && !dto.resetSecret) throw new AccountsException('CARD_SECRET_SET');

      let sessionsEnded = 0;
      if (hadSecret) {
        await manager.update(UserEntity, targetId, { passwordHash: null });
        sessionsEnded = await this.refreshTokens.revokeAllOf(manager, targetId);
      }
      const replaced = await manager
        .createQueryBuilder()
        .update(SignInCardEntity)
        .set({ revokedAt: () => 'now()' })
        .where('user_id = :targetId AND used_at IS NULL AND revoked_at IS NULL', { targetId })
        .execute();
      const card = await this.print(manager, target.user, actor.id);
      await writeAudit(manager, {
        actorId: actor.id,
        action: 'assisted.card.issue',
        targetId,
        details: { replacedCard: (replaced.affected ?? 0) > 0, secretReset: hadSecret, sessionsEnded, cardExpiresAt: card.expiresAt.toISOString() },
      });
      return { user: toAdminUserDto(target.user, target.roles), printed: card };
    });
    return { user, card: await this.describe(printed) };
  }

  /** Assisted accounts the caller may see (the policy's `read` rules): for reprinting a lost card. */
  async list(ability: AppAbility, query: ListAssistedAccountsQueryDto): Promise<AssistedAccountPageDto> {
    const params: unknown[] = [readableCreators(ability)];
    let filter = 'WHERE ($1::uuid[] IS NULL OR a.created_by_id = ANY($1::uuid[]))';
    if (query.q) {
      params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      filter += ` AND (u.display_name || ' ' || u.account_code) ILIKE $2`;
    }
    const from = `FROM assisted_account a JOIN app_user u ON u.id = a.user_id`;
    const rows: { id: string; created_by_id: string | null; created_by_name: string | null; live_card_expires_at: Date | null }[] = await this.db.query(
      `SELECT u.id, a.created_by_id, creator.display_name AS created_by_name, live.expires_at AS live_card_expires_at
       ${from}
       LEFT JOIN app_user creator ON creator.id = a.created_by_id
       LEFT JOIN sign_in_card live ON live.user_id = u.id AND live.used_at IS NULL AND live.revoked_at IS NULL AND live.expires_at > now()
       ${filter}
       ORDER BY a.created_at DESC, u.id LIMIT ${query.limit ?? 20} OFFSET ${query.offset ?? 0}`,
      params,
    );
    const [{ total }]: { total: number }[] = await this.db.query(`SELECT count(*)::int AS total ${from} ${filter}`, params);
    const ids = rows.map((row) => row.id);
    const [users, roles] = ids.length
      ? await Promise.all([
          this.db.getRepository(UserEntity).findBy({ id: In(ids) }),
          this.db.getRepository(UserRoleEntity).find({ where: { userId: In(ids) }, order: { role: 'ASC' } }),
        ])
      : [[], []];
    const items = rows.flatMap((row) => {
      const user = users.find((u) => u.id === row.id);
      if (!user) return [];
      const held = roles.filter((r) => r.userId === user.id).map((r) => r.role);
      return [
        {
          user: toAdminUserDto(user, held),
          createdById: row.created_by_id,
          createdByName: row.created_by_name,
          secretSet: user.passwordHash !== null,
          liveCardExpiresAt: row.live_card_expires_at?.toISOString() ?? null,
        },
      ];
    });
    return { items, total };
  }

  /** Stores the new card's keyed hash; the code itself leaves only in this response. */
  private async print(manager: EntityManager, user: UserEntity, issuedById: string): Promise<PrintedCard> {
    const code = generateCardCode();
    const expiresAt = new Date(Date.now() + this.config.auth.cardTtlDays * 86_400_000);
    await manager.insert(SignInCardEntity, { userId: user.id, codeHash: this.codes.hashCode(user.id, code), issuedById, expiresAt });
    return { accountCode: user.accountCode, code, expiresAt };
  }

  /**
   * The codes go in the URL's fragment: the browser hands it to the portal's /card page but
   * never sends it to a server, so no access log or Referer header carries them.
   */
  async describe({ accountCode, code, expiresAt }: PrintedCard): Promise<SignInCardDto> {
    const signInUrl = `${this.config.http.publicUrl}/card#c=${accountCode}.${code}`;
    return { accountCode, oneTimeCode: formatCardCode(code), signInUrl, qrSvg: await qrSvg(signInUrl), expiresAt: expiresAt.toISOString() };
  }
}

/**
 * The creators whose assisted accounts the policy lets the caller read: null for all of them (an
 * unconditional rule, i.e. administrators), else the `createdById` values of the rules. Any other
 * kind of rule is refused loudly rather than guessed at, so the policy stays the one source.
 */
function readableCreators(ability: AppAbility): string[] | null {
  const ids: string[] = [];
  for (const rule of ability.rulesFor('read', 'AssistedAccount')) {
    const conditions = rule.conditions as Record<string, unknown> | undefined;
    if (!rule.inverted && !conditions) return null;
    if (rule.inverted || Object.keys(conditions ?? {}).join() !== 'createdById' || typeof conditions?.createdById !== 'string') {
      throw new Error('Listing assisted accounts understands only "can read where createdById = …" rules');
    }
    ids.push(conditions.createdById);
  }
  return ids;
}
