import { stableUuid } from './data.random';

/**
 * Which courses draw many learners: a fixed order from the seed (most popular first). A learner
 * picks the course at rank floor(n·u²) for a uniform u, so a few courses draw many learners and
 * most draw a few (the learning generator); the expected share of enrolments at rank r is then
 * √((r+1)/n) − √(r/n), which the courses generator uses to give quizzes to a known share of them.
 */
export function popularityOrder(seed: string, courses: number): number[] {
  const keys = Array.from({ length: courses }, (_, i) => stableUuid(seed, 'popularity', i));
  return keys.map((_, i) => i).sort((a, b) => keys[a].localeCompare(keys[b]));
}

/** Course index → its expected share of all enrolments (they add up to 1). */
export function enrolmentShares(seed: string, courses: number): number[] {
  const shares = new Array<number>(courses).fill(0);
  popularityOrder(seed, courses).forEach((index, rank) => (shares[index] = Math.sqrt((rank + 1) / courses) - Math.sqrt(rank / courses)));
  return shares;
}

/** The rank a learner's draw `u` (0 ≤ u < 1) lands on. */
export const rankOf = (u: number, courses: number) => Math.floor(courses * u ** 2);
