import { Foundation1763850000000 } from './1763850000000-foundation';
import { PingCompletedIndex1795391258449 } from './1795391258449-ping-completed-index';
import { Accounts1795397606469 } from './1795397606469-accounts';

/** Every migration in order. A committed migration is never edited: add a new one. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [Foundation1763850000000, PingCompletedIndex1795391258449, Accounts1795397606469];
