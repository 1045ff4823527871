import { Foundation1763850000000 } from './1763850000000-foundation';

/** Every migration in order. A committed migration is never edited: add a new one. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [Foundation1763850000000];
