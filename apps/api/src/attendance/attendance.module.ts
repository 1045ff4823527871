import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ProgressModule } from '../progress/progress.module';
import { AttendanceClock } from './attendance.clock';
import { CheckInCodes } from './check-in-codes';
import { CheckInService } from './check-in.service';
import { SessionsCalendarService } from './sessions-calendar.service';
import { SessionsController } from './sessions.controller';
import { StudioSessionsController } from './studio-sessions.controller';
import { StudioSessionsService } from './studio-sessions.service';
import { WalkInsService } from './walk-ins.service';

/** Sessions and attendance (issue 7): roster, QR check-in, joining live sessions, walk-ins and their claims, the calendar export. */
@Module({
  imports: [AccountsModule, ProgressModule],
  controllers: [StudioSessionsController, SessionsController],
  providers: [AttendanceClock, CheckInCodes, CheckInService, SessionsCalendarService, StudioSessionsService, WalkInsService],
})
export class AttendanceModule {}
