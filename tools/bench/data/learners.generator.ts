import { hash } from 'argon2';
import { createHash } from 'node:crypto';
import type { TargetGroup } from '@baanrian/contracts';
import { PASSWORD_HASH_OPTIONS } from '../../../apps/api/src/accounts/password-hash';
import { copyRows, type CopyValue } from './data.copy';
import { BENCH_EMAIL_DOMAIN, BENCH_PASSWORD, type DataContext, DATA_EPOCH, DATA_SPAN_MS, type DataGenerator } from './data.generator';
import { stableUuid, type SeededRandom } from './data.random';
import * as words from './data.vocabulary';

const USER_COLUMNS = [
  'id', 'email', 'account_code', 'display_name', 'preferred_locale', 'birth_year', 'province', 'district', 'target_group',
  'target_group_source', 'staff_status', 'password_hash', 'guardian_id', 'created_at', 'updated_at',
] as const;

/** Bench account codes: BR-8 + 8 digits (learners), BR-7 + 8 digits (instructors); demo codes are shorter. */
export const learnerCode = (i: number) => `BR-8${String(i).padStart(8, '0')}`;
export const learnerEmail = (i: number) => `learner-${i}@${BENCH_EMAIL_DOMAIN}`;
const instructorEmail = (k: number) => `instructor-${k}@${BENCH_EMAIL_DOMAIN}`;

/**
 * One argon2id hash with the API's parameters, shared by every bench account: hashing 250,000
 * passwords would take hours, and sign-in verifies against the stored hash's own parameters, so a
 * shared hash costs a sign-in exactly what a real one does. The salt comes from the seed, so the
 * hash (like every other column) is the same on every run.
 */
async function sharedPasswordHash(seed: string): Promise<string> {
  const salt = createHash('sha256').update(`bench-salt:${seed}`).digest().subarray(0, 16);
  return hash(BENCH_PASSWORD, { ...PASSWORD_HASH_OPTIONS, salt });
}

function personName(random: SeededRandom, vietnamese: boolean): string {
  if (!vietnamese) return `${random.pick(words.THAI_GIVEN)} ${random.pick(words.THAI_FAMILY)}`;
  return `${random.pick(words.VIETNAMESE_FAMILY)} ${random.pick(words.VIETNAMESE_MIDDLE)} ${random.pick(words.VIETNAMESE_GIVEN)}`;
}

export const learnersGenerator: DataGenerator = {
  name: 'learners',

  async clear(client) {
    // user_role and the other per-user rows cascade.
    await client.query(`DELETE FROM app_user WHERE account_code ~ '^BR-[78][0-9]{8}$' AND guardian_id IS NOT NULL`);
    await client.query(`DELETE FROM app_user WHERE account_code ~ '^BR-[78][0-9]{8}$'`);
  },

  async generate({ plan, client, random, made }: DataContext) {
    const passwordHash = await sharedPasswordHash(plan.seed);
    const learnerIds: string[] = [];
    const roles: CopyValue[][] = [];

    function* learners(): Generator<CopyValue[]> {
      let lastAdult: string | null = null;
      for (let i = 0; i < plan.learners; i++) {
        const id = stableUuid(plan.seed, 'learner', i);
        learnerIds.push(id);
        const group = random.weighted(words.TARGET_GROUP_MIX) as TargetGroup;
        const vietnamese = random.next() < 0.08;
        const [from, to] = words.BIRTH_YEARS[group];
        const createdAt = new Date(DATA_EPOCH + Math.floor(random.next() * DATA_SPAN_MS));
        // Young children are accounts their guardian manages: no email, no password of their own.
        const child = group === 'early_childhood' && lastAdult !== null;
        // Many older learners have no email and sign in with their account code.
        const hasEmail = !child && random.next() < (group === 'elderly' ? 0.5 : 0.9);
        yield [
          id,
          hasEmail ? learnerEmail(i) : null,
          learnerCode(i),
          personName(random, vietnamese),
          vietnamese ? 'vi' : random.next() < 0.03 ? 'en' : 'th',
          random.int(from, to),
          words.PROVINCE,
          random.weighted(words.DISTRICTS),
          group,
          'age',
          group === 'education_staff' ? 'confirmed' : 'none',
          child ? null : passwordHash,
          child ? lastAdult : null,
          createdAt,
          createdAt,
        ];
        roles.push([id, 'learner', createdAt]);
        if (group === 'general_public') lastAdult = id;
      }
    }

    const instructorIds: string[] = [];
    function* instructors(): Generator<CopyValue[]> {
      for (let k = 0; k < plan.instructors; k++) {
        const id = stableUuid(plan.seed, 'instructor', k);
        instructorIds.push(id);
        const createdAt = new Date(DATA_EPOCH + k * 60_000);
        yield [id, instructorEmail(k), `BR-7${String(k).padStart(8, '0')}`, `${personName(random, false)} (ครู)`, 'th', random.int(1966, 2000),
          words.PROVINCE, random.weighted(words.DISTRICTS), 'education_staff', 'age', 'confirmed', passwordHash, null, createdAt, createdAt];
        roles.push([id, 'learner', createdAt], [id, 'instructor', createdAt]);
      }
    }

    const users = (await copyRows(client, 'app_user', USER_COLUMNS, learners())) + (await copyRows(client, 'app_user', USER_COLUMNS, instructors()));
    const userRoles = await copyRows(client, 'user_role', ['user_id', 'role', 'granted_at'], roles);
    made.learnerIds = learnerIds;
    made.instructorIds = instructorIds;
    return { app_user: users, user_role: userRoles };
  },
};
