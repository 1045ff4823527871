import { CONSENT_POLICY_VERSION } from '@baanrian/contracts';
import { ConsentRecordEntity, UserEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { asChild, asConsent } from '../authz/ability.factory';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { ensureCan } from '../authz/policy';
import type { ConsentDto, GiveConsentDto } from './privacy.dto';
import { AccountsException } from './accounts.exception';
import { PrivacyException } from './privacy.exception';

export function toConsentDto(row: ConsentRecordEntity): ConsentDto {
  return {
    id: row.id,
    purpose: row.purpose,
    policyVersion: row.policyVersion,
    givenAt: row.givenAt.toISOString(),
    givenById: row.givenById,
    subjectId: row.subjectId,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
  };
}

/** Consents about oneself and those a guardian gave for their children: listed, given, withdrawn (never deleted). */
@Injectable()
export class ConsentsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(user: AuthUser): Promise<ConsentDto[]> {
    const rows = await this.db.getRepository(ConsentRecordEntity).find({
      where: [{ subjectId: user.id }, { givenById: user.id }],
      order: { givenAt: 'DESC', id: 'ASC' },
    });
    return rows.map(toConsentDto);
  }

  async give(ability: AppAbility, user: AuthUser, dto: GiveConsentDto): Promise<ConsentDto> {
    if (dto.policyVersion !== CONSENT_POLICY_VERSION) throw new PrivacyException('CONSENT_POLICY_OUTDATED', { version: CONSENT_POLICY_VERSION });
    const subjectId = dto.subjectId ?? user.id;
    if (subjectId !== user.id) {
      const child = await this.db.getRepository(UserEntity).findOneBy({ id: subjectId });
      if (!child?.guardianId || child.erasedAt) throw new PrivacyException('CHILD_NOT_FOUND');
      ensureCan(ability, 'update', asChild({ id: child.id, guardianId: child.guardianId }));
    }
    ensureCan(ability, 'give', asConsent({ subjectId, givenById: user.id }));
    const repository = this.db.getRepository(ConsentRecordEntity);
    const saved = await repository.save(repository.create({ subjectId, givenById: user.id, purpose: dto.purpose, policyVersion: dto.policyVersion }));
    return toConsentDto(await repository.findOneByOrFail({ id: saved.id }));
  }

  /** Withdrawing a child's learning consent ends their sessions at once (the per-request check) and blocks switching in. */
  async withdraw(ability: AppAbility, consentId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const row = await manager.findOne(ConsentRecordEntity, { where: { id: consentId }, lock: { mode: 'pessimistic_write' } });
      // Like someone else's consent (403), so ids reveal nothing.
      if (!row) throw new AccountsException('FORBIDDEN');
      ensureCan(ability, 'withdraw', asConsent(row));
      if (!row.withdrawnAt) await manager.update(ConsentRecordEntity, row.id, { withdrawnAt: () => 'now()' });
    });
  }
}
