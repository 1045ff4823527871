import { normalizeAccountCode, normalizeCardCode } from '@baanrian/contracts';
import { UserEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccountsException } from './accounts.exception';
import type { CompleteCardDto, RedeemCardDto, SetupTokenDto } from './assisted.dto';
import { PasswordService } from './password.service';
import { RATE_LIMITS } from './rate-limit.policies';
import { type RateLimitKey, RateLimitService } from './rate-limit.service';
import { SessionService, type StartedSession } from './session.service';
import { SignInCardCodes } from './sign-in-card.codes';
import { requireUserWithRoles, updateReturning } from './user-accounts';

/** Compared against when there is no card, so an unknown account code costs the same work. */
const NO_CARD = { id: '', user_id: '00000000-0000-0000-0000-000000000000', code_hash: '0'.repeat(64), disabled_at: null };

const LIVE = 'c.used_at IS NULL AND c.revoked_at IS NULL AND c.expires_at > now()';

/**
 * First sign-in with a printed card: the account code and one-time code buy a short-lived setup
 * token; with it the holder chooses a PIN or password and is signed in, and the card is used up.
 * Wrong, unknown, expired, replaced and used cards all get the same 400 CARD_INVALID.
 */
@Injectable()
export class CardSignInService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly codes: SignInCardCodes,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly rateLimits: RateLimitService,
  ) {}

  async redeem(dto: RedeemCardDto, ip: string): Promise<SetupTokenDto> {
    const accountCode = normalizeAccountCode(dto.accountCode);
    const code = normalizeCardCode(dto.oneTimeCode);
    const ipKey: RateLimitKey = { policy: RATE_LIMITS.cardIp, subject: ip };
    const accountKey: RateLimitKey = { policy: RATE_LIMITS.cardAccount, subject: accountCode ?? dto.accountCode };
    await this.rateLimits.consume([ipKey, accountKey]);

    const [found]: (typeof NO_CARD)[] = accountCode
      ? await this.db.query(
          `SELECT c.id, c.user_id, c.code_hash, u.disabled_at
           FROM app_user u JOIN sign_in_card c ON c.user_id = u.id AND ${LIVE}
           WHERE u.account_code = $1`,
          [accountCode],
        )
      : [];
    const card = found ?? NO_CARD;
    const matches = this.codes.codeMatches(card.code_hash, card.user_id, code ?? '');
    if (!found || !code || !matches) throw new AccountsException('CARD_INVALID');
    // Said only to someone holding the right code.
    if (card.disabled_at) throw new AccountsException('ACCOUNT_DISABLED');

    await Promise.all([this.rateLimits.reset(accountKey), this.rateLimits.refund(ipKey)]);
    return { setupToken: this.codes.issueSetupToken(card.id) };
  }

  /**
   * Uses up the card and sets the secret in one transaction. The user row is locked first (as
   * printing a new card does), then the card is claimed with a conditional update: of two
   * concurrent completions exactly one finds it unused, the other gets CARD_INVALID.
   */
  async complete(dto: CompleteCardDto): Promise<StartedSession> {
    const cardId = this.codes.verifySetupToken(dto.setupToken);
    if (!cardId) throw new AccountsException('CARD_INVALID');
    // A cheap look before the expensive hash; the transaction below decides.
    const [live]: { user_id: string }[] = await this.db.query(`SELECT c.user_id FROM sign_in_card c WHERE c.id = $1 AND ${LIVE}`, [cardId]);
    if (!live) throw new AccountsException('CARD_INVALID');
    const passwordHash = await this.passwords.hash(dto.secret);

    return this.db.transaction(async (manager) => {
      const account = await requireUserWithRoles(manager, live.user_id, { lock: true });
      const [claimed] = await updateReturning<{ id: string }>(
        manager,
        `UPDATE sign_in_card c SET used_at = now() WHERE c.id = $1 AND ${LIVE} RETURNING c.id`,
        [cardId],
      );
      if (!claimed) throw new AccountsException('CARD_INVALID');
      if (account.user.disabledAt) throw new AccountsException('ACCOUNT_DISABLED');
      await manager.update(UserEntity, account.user.id, { passwordHash, lastSignInAt: () => 'now()' });
      return this.sessions.start(manager, await requireUserWithRoles(manager, account.user.id));
    });
  }
}
