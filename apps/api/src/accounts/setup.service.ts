import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SetupAdminDto, SetupStatusDto } from './account.dto';
import { AccountsException } from './accounts.exception';
import { PasswordService } from './password.service';
import { SessionService, type StartedSession } from './session.service';
import { adminExists, createAdminAccount, lockSetup } from './user-accounts';

/** First-run setup: creates the first administrator, and only while none exists. */
@Injectable()
export class SetupService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
  ) {}

  async status(): Promise<SetupStatusDto> {
    return { needsAdmin: !(await adminExists(this.db.manager)) };
  }

  async createFirstAdmin(dto: SetupAdminDto): Promise<StartedSession> {
    // Cheap early answer; the decisive check is repeated under the lock below.
    if (await adminExists(this.db.manager)) throw new AccountsException('SETUP_DONE');
    const passwordHash = await this.passwords.hash(dto.password);
    return this.db.transaction(async (manager) => {
      // Concurrent setups queue on this lock: the second one sees the first one's admin.
      await lockSetup(manager);
      if (await adminExists(manager)) throw new AccountsException('SETUP_DONE');
      const account = await createAdminAccount(manager, { ...dto, passwordHash }, 'setup.admin');
      return this.sessions.start(manager, account);
    });
  }
}
