import { Injectable } from '@nestjs/common';

/**
 * The time deadlines are judged at. Services take `now` as a parameter; controllers ask this
 * clock, so tests move time by replacing `now` on the one instance instead of sleeping.
 */
@Injectable()
export class AttemptsClock {
  now(): Date {
    return new Date();
  }
}
