import { Injectable } from '@nestjs/common';

/**
 * The time a visit is counted at (its Bangkok day picks the salt). The controller asks this clock,
 * so tests move to another day by replacing `now` on the one instance instead of waiting.
 */
@Injectable()
export class ReachClock {
  now(): Date {
    return new Date();
  }
}
