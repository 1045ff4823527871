import { TARGET_GROUPS, type EnrollmentChannel, type EnrollmentSource, type EnrollmentStatus, type TargetGroup, thaiFiscalYearRange } from '@baanrian/contracts';
import {
  CHILD_NAMES,
  CHIANG_MAI_DISTRICTS,
  ELDER_TITLES,
  GIVEN_NAMES,
  SURNAME_INITIALS,
  WORKSHOP_MONTH,
  YEAR_COURSES,
  YEAR_GROUP_FIGURES,
  type YearCourse,
} from './demo-report-year.data';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: a small, fast, seeded generator, so every demo database gets the same year. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface PlannedCourse extends YearCourse {
  slug: string;
  /** Bangkok midnight of the first day; null for self-paced courses (held when published). */
  startsAt: Date | null;
  publishedAt: Date;
  /** Seats: null is unlimited. */
  capacity: number | null;
}

export interface PlannedPerson {
  code: string;
  name: string;
  birthYear: number;
  group: TargetGroup;
  district: string;
  /** Index of the guardian (a child profile's), or null. */
  guardian: number | null;
  createdAt: Date;
}

export interface PlannedEnrollment {
  person: number;
  course: number;
  channel: EnrollmentChannel;
  source: EnrollmentSource;
  status: EnrollmentStatus;
  activatedAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  withdrawnAt: Date | null;
}

export interface YearPlan {
  fiscalYear: number;
  start: Date;
  end: Date;
  courses: PlannedCourse[];
  people: PlannedPerson[];
  enrollments: PlannedEnrollment[];
}

/** Bangkok midnight of a day in fiscal month `month` (0 = October) of the year starting at `start`. */
export function fiscalDay(start: Date, month: number, day: number): Date {
  const bkk = new Date(start.getTime() + 7 * HOUR); // 1 October, 00:00 as a UTC date
  return new Date(Date.UTC(bkk.getUTCFullYear(), bkk.getUTCMonth() + month, day) - 7 * HOUR);
}

/**
 * The whole year, as a pure function of the fiscal year: which courses run when, who the people
 * are, and every enrolment with its dates. The writer turns it into rows; tests compare the rows
 * with it.
 */
export function planYear(fiscalYear: number, seed = fiscalYear): YearPlan {
  const random = seededRandom(seed);
  const { start, end } = thaiFiscalYearRange(fiscalYear);
  const courses = scheduleCourses(fiscalYear, start);
  const people: PlannedPerson[] = [];
  const enrollments: PlannedEnrollment[] = [];
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const districtTotal = CHIANG_MAI_DISTRICTS.reduce((sum, [, w]) => sum + w, 0);
  const district = () => {
    let r = random() * districtTotal;
    for (const [name, weight] of CHIANG_MAI_DISTRICTS) if ((r -= weight) < 0) return name;
    return CHIANG_MAI_DISTRICTS[0][0];
  };
  const thisYear = end.getUTCFullYear();
  const ages: Record<TargetGroup, [number, number]> = { early_childhood: [2, 5], youth: [8, 24], general_public: [25, 59], education_staff: [26, 59], elderly: [60, 86] };
  const nameFor = (group: TargetGroup) =>
    group === 'early_childhood' ? `น้อง${pick(CHILD_NAMES)}` : `${group === 'elderly' ? pick(ELDER_TITLES) : ''}${pick(GIVEN_NAMES)} ${pick(SURNAME_INITIALS)}`;

  const groupPeople = new Map<TargetGroup, number[]>();
  for (const group of TARGET_GROUPS) {
    const f = YEAR_GROUP_FIGURES[group];
    const ids: number[] = [];
    for (let i = 0; i < f.online + f.onsite - f.both; i++) {
      const [from, to] = ages[group];
      ids.push(people.length);
      people.push({
        code: `BR-${fiscalYear}${String(people.length + 1).padStart(5, '0')}`,
        name: nameFor(group),
        birthYear: thisYear - from - Math.floor(random() * (to - from + 1)),
        group,
        district: district(),
        guardian: null,
        createdAt: start,
      });
    }
    groupPeople.set(group, ids);
  }
  // Each young child learns with a guardian from the general public, who lives with them.
  const guardians = groupPeople.get('general_public') as number[];
  for (const [j, child] of (groupPeople.get('early_childhood') as number[]).entries()) {
    people[child].guardian = guardians[j];
    people[child].district = people[guardians[j]].district;
  }

  for (const group of TARGET_GROUPS) {
    const f = YEAR_GROUP_FIGURES[group];
    const ids = groupPeople.get(group) as number[];
    const online = ids.slice(0, f.online); // the first `both` of them also come to the workshop
    const onsite = [...ids.slice(0, f.both), ...ids.slice(f.online)];
    const offered = courses.map((c, i) => ({ c, i })).filter(({ c }) => c.group === group && c.format !== 'onsite_workshop');
    const weights = offered.map(() => 0.6 + random() * 0.8);
    const taken = new Map<number, Set<number>>();
    const seats = new Map<number, number>();
    const choose = (person: number): number | null => {
      const mine = taken.get(person) ?? new Set<number>();
      const open = offered.map(({ c, i }, k) => ({ i, w: mine.has(i) || (c.capacity !== null && (seats.get(i) ?? 0) >= c.capacity) ? 0 : weights[k] }));
      let r = random() * open.reduce((sum, o) => sum + o.w, 0);
      for (const o of open) if (o.w > 0 && (r -= o.w) < 0) return o.i;
      return null;
    };
    const enrol = (person: number, course: number) => {
      taken.set(person, (taken.get(person) ?? new Set()).add(course));
      seats.set(course, (seats.get(course) ?? 0) + 1);
      enrollments.push(onlineEnrollment(random, courses[course], course, person, group === 'early_childhood' ? 'guardian' : 'self', { start, end }));
    };
    for (const person of online) enrol(person, choose(person) as number);
    for (let extra = f.onlineEnrollments - f.online; extra > 0; ) {
      const person = online[Math.floor(random() * online.length)];
      const course = (taken.get(person)?.size ?? 0) < 3 ? choose(person) : null;
      if (course === null) continue;
      enrol(person, course);
      extra--;
    }
    const workshop = courses.findIndex((c) => c.group === group && c.format === 'onsite_workshop');
    for (const person of onsite) enrollments.push(workshopEnrollment(random, courses[workshop], workshop, person, group === 'early_childhood'));
  }

  // Accounts were made a little before their first enrolment (a child's with or after the guardian's).
  const first = new Map<number, number>();
  for (const e of enrollments) first.set(e.person, Math.min(first.get(e.person) ?? Infinity, e.activatedAt.getTime()));
  for (const [i, person] of people.entries()) {
    const created = (first.get(i) as number) - Math.floor((0.2 + random() * 20) * DAY);
    person.createdAt = new Date(Math.max(created, start.getTime() - 60 * DAY));
  }
  for (const person of people) {
    if (person.guardian === null) continue;
    const guardian = people[person.guardian];
    if (person.createdAt.getTime() < guardian.createdAt.getTime()) person.createdAt = new Date(guardian.createdAt.getTime() + HOUR);
  }
  return { fiscalYear, start, end, courses, people, enrollments };
}

/**
 * When each course runs: online classes about three a month, interleaved across the target
 * groups (between the 8th and the 21st, so every enrolment window and second session stays in the year);
 * one workshop per group, on the 20th of its month.
 */
function scheduleCourses(fiscalYear: number, start: Date): PlannedCourse[] {
  const rank = new Map<TargetGroup, number>();
  return YEAR_COURSES.map((course) => {
    const slug = `fy${fiscalYear}-${course.key}`;
    if (course.format === 'onsite_workshop') {
      const startsAt = fiscalDay(start, WORKSHOP_MONTH[course.group], 20);
      return { ...course, slug, startsAt, publishedAt: new Date(startsAt.getTime() - 35 * DAY + 10 * HOUR), capacity: 30 };
    }
    const k = rank.get(course.group) ?? 0;
    rank.set(course.group, k + 1);
    const i = k * TARGET_GROUPS.length + TARGET_GROUPS.indexOf(course.group);
    const day = fiscalDay(start, Math.floor((i * 12) / 35), 8 + ((i * 5) % 14));
    if (course.format === 'self_paced') return { ...course, slug, startsAt: null, publishedAt: new Date(day.getTime() + 10 * HOUR), capacity: null };
    return { ...course, slug, startsAt: day, publishedAt: new Date(day.getTime() - 35 * DAY + 10 * HOUR), capacity: 120 };
  });
}

/** A time of day people enrol at: 07:00–22:00 Bangkok on a day `days` after `from` (midnight). */
const daytime = (random: () => number, from: number, days: number) => new Date(from + Math.floor(random() * days) * DAY + (7 + random() * 15) * HOUR);

function onlineEnrollment(random: () => number, course: PlannedCourse, index: number, person: number, source: EnrollmentSource, year: { start: Date; end: Date }): PlannedEnrollment {
  const yearEnd = year.end;
  const base = { person, course: index, channel: 'online' as const, source };
  const roll = random();
  if (course.startsAt) {
    // A live class: enrol in the four weeks before, join the first session (09:30), finish at the second a week later.
    const s = course.startsAt.getTime();
    const opens = Math.max(s - 28 * DAY, year.start.getTime());
    const activatedAt = daytime(random, opens, Math.round((s - opens) / DAY));
    if (roll < 0.02) return { ...base, status: 'withdrawn', activatedAt, startedAt: null, completedAt: null, withdrawnAt: new Date(Math.min(activatedAt.getTime() + (0.5 + random() * 4) * DAY, s)) };
    if (roll < 0.09) return { ...base, status: 'active', activatedAt, startedAt: null, completedAt: null, withdrawnAt: null };
    const startedAt = new Date(s + 2.5 * HOUR + random() * 15 * 60_000);
    if (random() < 0.16) return { ...base, status: 'active', activatedAt, startedAt, completedAt: null, withdrawnAt: null };
    return { ...base, status: 'completed', activatedAt, startedAt, completedAt: new Date(s + 7 * DAY + 2.5 * HOUR + random() * 15 * 60_000), withdrawnAt: null };
  }
  // Self-paced: most enrol in the weeks after publishing, some months later; start within two days.
  const p = course.publishedAt.getTime() - 10 * HOUR;
  const span = Math.max(7, Math.min(150, Math.floor((yearEnd.getTime() - p) / DAY) - 20));
  const activatedAt = daytime(random, p + DAY, Math.max(1, Math.floor(span * random() ** 1.6)));
  if (roll < 0.02) return { ...base, status: 'withdrawn', activatedAt, startedAt: null, completedAt: null, withdrawnAt: new Date(activatedAt.getTime() + (1 + random() * 9) * DAY) };
  if (roll < 0.1) return { ...base, status: 'active', activatedAt, startedAt: null, completedAt: null, withdrawnAt: null };
  const startedAt = new Date(activatedAt.getTime() + random() * 36 * HOUR);
  if (random() < 0.32) return { ...base, status: 'active', activatedAt, startedAt, completedAt: null, withdrawnAt: null };
  const completedAt = new Date(Math.min(startedAt.getTime() + (2 + random() * 33) * DAY, yearEnd.getTime() - 2 * HOUR));
  return { ...base, status: 'completed', activatedAt, startedAt, completedAt, withdrawnAt: null };
}

/** Everyone signed up came (the 116 participants); one in ten walked in on the day. Most read the welcome afterwards and complete. */
function workshopEnrollment(random: () => number, course: PlannedCourse, index: number, person: number, child: boolean): PlannedEnrollment {
  const s = (course.startsAt as Date).getTime();
  const walkIn = random() < 0.1;
  const source: EnrollmentSource = child ? 'guardian' : walkIn ? 'walk_in' : 'self';
  const startedAt = new Date(s + (2.4 + random() * 0.4) * HOUR);
  const activatedAt = walkIn ? new Date(startedAt.getTime() - (1 + random() * 9) * 60_000) : daytime(random, s - 28 * DAY, 27);
  const completed = random() < 0.95;
  return {
    person,
    course: index,
    channel: 'onsite',
    source,
    status: completed ? 'completed' : 'active',
    activatedAt,
    startedAt,
    completedAt: completed ? new Date(s + (6 + random() * 40) * HOUR) : null,
    withdrawnAt: null,
  };
}
