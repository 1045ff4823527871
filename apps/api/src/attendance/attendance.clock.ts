import { Injectable } from '@nestjs/common';

/**
 * The time attendance rules are judged at. Services take `now` as a parameter; controllers ask
 * this clock, so tests move time by replacing `now` on the one instance instead of sleeping.
 */
@Injectable()
export class AttendanceClock {
  now(): Date {
    return new Date();
  }
}
