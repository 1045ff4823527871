import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { formatCardCode } from '@baanrian/contracts';
import { AssistedAccountEntity, SignInCardEntity, UserEntity } from '@baanrian/db';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { asAssistedAccount } from '../authz/ability.factory';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { ensureCan } from '../authz/policy';
import { toAdminUserDto } from './account.mapper';
import { AccountsException } from './accounts.exception';
import type { AssistedAccountDto, CreateAssistedAccountDto, IssueCardDto, SignInCardDto } from './assisted.dto';
import { RefreshTokenService } from './refresh-token.service';
import { generateCardCode, qrSvg, SignInCardCodes } from './sign-in-card.codes';
import { createAccount, requireUserWithRoles, writeAudit } from './user-accounts';

interface PrintedCard {
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
      const account = await createAccount(manager, { ...dto, email: null, passwordHash: null, roles: ['learner'] });
      await manager.insert(AssistedAccountEntity, { userId: account.user.id, createdById: actor.id });
      const card = await this.print(manager, account.user, actor.id);
      await writeAudit(manager, {
        actorId: actor.id,
        action: 'assisted.create',
        targetId: account.user.id,
        details: { accountCode: account.user.accountCode, cardExpiresAt: card.expiresAt.toISOString() },
      });
      return { user: toAdminUserDto(account.user, account.roles), printed: card };
    });
    return { user, card: await this.describe(printed) };
  }

  /**
   * A new card replaces any live one at once. An account whose holder already chose a secret gets
   * a card only with `resetSecret`, which removes that secret and ends their sessions: whoever
   * holds the old card or knows the old PIN is out, and the holder chooses again with the new card.
   */
  async issueCard(ability: AppAbility, actor: AuthUser, targetId: string, dto: IssueCardDto): Promise<AssistedAccountDto> {
    const { user, printed } = await this.db.transaction(async (manager) => {
      // The user row lock orders this against a concurrent redemption (which takes it first too).
      const target = await requireUserWithRoles(manager, targetId, { lock: true });
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
  private async describe({ accountCode, code, expiresAt }: PrintedCard): Promise<SignInCardDto> {
    const signInUrl = `${this.config.http.publicUrl}/card#c=${accountCode}.${code}`;
    return { accountCode, oneTimeCode: formatCardCode(code), signInUrl, qrSvg: await qrSvg(signInUrl), expiresAt: expiresAt.toISOString() };
  }
}
