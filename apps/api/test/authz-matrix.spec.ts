import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomInt, randomUUID } from 'node:crypto';
import { useTestApi } from './api-app';
import { CONSENT_POLICY_VERSION } from '@baanrian/contracts';
import { bearer, PASSWORD, signIn, signUp, uniqueEmail } from './accounts-helpers';
import { createChild, switchToChild } from './guardian-helpers';
import { publishTestCourse } from './catalog-fixture';
import { createQuiz, enrolIn, insertAttempt } from './quiz-attempts-helpers';
import { seedCredential } from './credentials-helpers';
import { FailedJobsFixture, insertFailureOf } from './failed-jobs-helpers';
import type { MediaStorage } from '@baanrian/db';
import { Readable } from 'node:stream';
import { MEDIA_STORAGE } from '../src/media/media.service';

/**
 * The authorisation matrix: every operation of the OpenAPI document × every kind of caller ×
 * (for operations on a user id) the caller's own id versus another user's. The expected status
 * of each cell is declared below; an operation missing from the table fails the first test, so
 * a new endpoint cannot escape review. Every refusal (401, 403, 404) of an operation with an
 * object id in its path is also sent with each id replaced by one that names nothing: the answers
 * must be byte-identical but for `instance` and `requestId`, so a refusal never reveals that
 * another user's object exists.
 *
 * `child` is a guardian (the learner) acting as their child. Unless a row says otherwise a child
 * is expected to get what a learner gets; rows for the family's account (children, consents,
 * export, erasure) say `child` explicitly.
 */
const api = useTestApi();
const http = api.http;

const CALLERS = ['anonymous', 'learner', 'instructor', 'admin', 'child'] as const;
type Caller = (typeof CALLERS)[number];
type Guardian = 'learner' | 'instructor' | 'admin';
type Target = 'own' | 'other';
/** `child` defaults to the learner's status. */
type PerCaller = Record<Exclude<Caller, 'child'>, number> & { child?: number };

interface Context {
  ids: Record<Exclude<Caller, 'anonymous'> | 'other', string>;
  signInEmail: string;
  /** A child profile of each guardian caller and of the other user. */
  children: Record<Guardian | 'other', string>;
}

interface Entry {
  /** Same status whichever user id is in the path (or there is none). */
  expect?: PerCaller;
  /** For paths with a user {id}: the status on the caller's own id and on another user's (`child` defaults to the learner's). */
  byTarget?: Record<Exclude<Caller, 'child'>, Record<Target, number>> & { child?: Record<Target, number> };
  /** For paths whose {id} is not a user: the caller's own object and another user's. */
  id?: (caller: Caller, target: Target) => Promise<string> | string;
  /** Path parameters other than a user id. */
  params?: Record<string, string>;
  /** Query parameters the operation needs. */
  query?: Record<string, string>;
  /** Path parameters made for each cell (e.g. a fresh course owned by the caller or by someone else). */
  paramsFor?: (caller: Caller, target: Target | 'no user id') => Promise<Record<string, string>>;
  body?: (ctx: Context) => object;
  before?: () => Promise<unknown>;
  /** A fresh caller of the same kind for each cell, for operations that use the caller up. */
  freshCaller?: boolean;
  /** A raw request body with its Content-Type (file uploads) instead of JSON. */
  upload?: () => { type: string; bytes: Buffer };
}

/** One published course for the public course page row, published once whichever cell runs first. */
let matrixCourse: Promise<unknown> | null = null;
const publishMatrixCourse = () => (matrixCourse ??= publishTestCourse(api.db(), { slug: 'matrix-course' }));

const all = (status: number): PerCaller => ({ anonymous: status, learner: status, instructor: status, admin: status });
const signedIn = (status: number): PerCaller => ({ anonymous: 401, learner: status, instructor: status, admin: status });
const adminOnly = (status: number): PerCaller => ({ anonymous: 401, learner: 403, instructor: 403, admin: status });
const adminOnlyByTarget = (own: number, other: number) => ({
  anonymous: { own: 401, other: 401 },
  learner: { own: 403, other: 403 },
  instructor: { own: 403, other: 403 },
  admin: { own, other },
});

const MATRIX: Record<string, Entry> = {
  'GET /api/v1/health/live': { expect: all(200) },
  'GET /api/v1/health/ready': { expect: all(200), before: () => api.db().query(`INSERT INTO worker_heartbeat VALUES ('matrix', now(), now()) ON CONFLICT (worker_id) DO UPDATE SET last_seen_at = now()`) },
  // Each ping writes rows and queues a job: administrators only. Reading one stays public.
  'POST /api/v1/system/pings': { expect: adminOnly(202) },
  'GET /api/v1/system/pings/{id}': { expect: all(404), params: { id: randomUUID() } },
  // The public catalog: no sign-in, the same answer for everyone; an unknown slug is 404 for all.
  'GET /api/v1/catalog': { expect: all(200) },
  'GET /api/v1/catalog/{slug}': { expect: all(200), params: { slug: 'matrix-course' }, before: publishMatrixCourse },
  'POST /api/v1/auth/sign-up': {
    expect: all(201),
    body: () => ({ email: uniqueEmail('matrix'), password: PASSWORD, displayName: 'Matrix', preferredLocale: 'en' }),
  },
  'POST /api/v1/auth/sign-in': { expect: all(200), body: (ctx) => ({ login: ctx.signInEmail, password: PASSWORD }) },
  // Cookie-based: without the refresh cookie nobody is refreshed, and signing out is harmless.
  'POST /api/v1/auth/refresh': { expect: all(401) },
  'POST /api/v1/auth/sign-out': { expect: all(204) },
  // OIDC is not configured here (oidc.spec.ts covers it configured): status says so, start is 404,
  // and a callback sends the browser back to the portal's sign-in page.
  'GET /api/v1/auth/oidc': { expect: all(200) },
  'GET /api/v1/auth/oidc/start': { expect: all(404) },
  'GET /api/v1/auth/oidc/callback': { expect: all(302) },
  // Public: the same 202 for any email; a made-up token is refused whoever asks.
  'POST /api/v1/auth/password/forgot': { expect: all(202), body: () => ({ email: uniqueEmail('matrix-forgot') }) },
  'POST /api/v1/auth/password/reset': { expect: all(400), body: () => ({ token: 'made-up', password: 'a new password' }) },
  'GET /api/v1/setup': { expect: all(200) },
  'POST /api/v1/setup/admin': {
    expect: all(409),
    body: () => ({ email: uniqueEmail('late-admin'), password: PASSWORD, displayName: 'Too late', preferredLocale: 'en' }),
  },
  'GET /api/v1/me': { expect: signedIn(200) },
  // A child session reads its profile; the guardian edits it through /me/children/{id}.
  'PATCH /api/v1/me': { expect: { ...signedIn(200), child: 403 }, body: () => ({ province: 'เชียงใหม่' }) },
  'GET /api/v1/admin/users': { expect: adminOnly(200) },
  'GET /api/v1/admin/audit': { expect: adminOnly(200) },
  // Only administrators grant roles, to anyone including themselves; nobody else, not even to themselves.
  'PUT /api/v1/admin/users/{id}/roles/{role}': { byTarget: adminOnlyByTarget(200, 200), params: { role: 'learner' } },
  'DELETE /api/v1/admin/users/{id}/roles/{role}': { byTarget: adminOnlyByTarget(409, 200), params: { role: 'admin' } },
  'POST /api/v1/admin/users/{id}/disable': { byTarget: adminOnlyByTarget(409, 200) },
  'POST /api/v1/admin/users/{id}/enable': { byTarget: adminOnlyByTarget(200, 200) },
  'POST /api/v1/admin/users/{id}/confirm-staff': { byTarget: adminOnlyByTarget(409, 200) },
  // Guardians and children: only the guardian, never a child session, never another family (administrators included).
  'GET /api/v1/me/children': { expect: { ...signedIn(200), child: 403 } },
  'POST /api/v1/me/children': {
    expect: { ...signedIn(201), child: 403 },
    body: () => ({ displayName: 'Matrix child', birthYear: new Date().getFullYear() - 3, consent: { policyVersion: CONSENT_POLICY_VERSION, purposes: ['learning'] } }),
  },
  'PATCH /api/v1/me/children/{id}': { byTarget: guardianOnly(200), id: childOf, body: () => ({ displayName: 'Renamed' }) },
  // "own" is a fresh child each time, so the children the other rows use stay.
  'DELETE /api/v1/me/children/{id}': {
    byTarget: guardianOnly(204),
    id: async (caller, target) => (target === 'own' && isGuardian(caller) ? (await createChild(http, tokenOf(caller))).id : childOf(caller, target)),
  },
  'POST /api/v1/me/children/{id}/switch': { byTarget: guardianOnly(200), id: childOf },
  'POST /api/v1/auth/switch-back': { expect: { ...signedIn(409), child: 200 } },
  // Consents: one's own and those given for one's children; a child session has none to manage.
  'GET /api/v1/me/consents': { expect: { ...signedIn(200), child: 403 } },
  'POST /api/v1/me/consents': { expect: { ...signedIn(201), child: 403 }, body: () => ({ purpose: 'communications', policyVersion: CONSENT_POLICY_VERSION }) },
  'DELETE /api/v1/me/consents/{id}': { byTarget: guardianOnly(204), id: consentOf },
  'GET /api/v1/me/export': { expect: { ...signedIn(200), child: 403 } },
  // Each cell erases a fresh account of the caller's kind (an administrator while others remain).
  'DELETE /api/v1/me': { expect: { ...signedIn(204), child: 403 }, freshCaller: true, body: () => ({ confirmation: 'DELETE' }) },
  // Assisted sign-up: instructors and administrators create accounts for people without email.
  'POST /api/v1/assisted-accounts': {
    expect: { anonymous: 401, learner: 403, instructor: 201, admin: 201 },
    body: () => ({ displayName: 'Matrix Elder', preferredLocale: 'th', birthYear: 1950 }),
  },
  'GET /api/v1/assisted-accounts': { expect: { anonymous: 401, learner: 403, instructor: 200, admin: 200 } },
  // A new card: only for assisted accounts (neither own nor other is one: administrators get 409),
  // and for instructors only those they created (assisted-accounts.spec.ts covers the creator).
  'POST /api/v1/admin/users/{id}/card': {
    byTarget: {
      anonymous: { own: 401, other: 401 },
      learner: { own: 403, other: 403 },
      instructor: { own: 403, other: 403 },
      admin: { own: 409, other: 409 },
    },
    body: () => ({}),
  },
  // Card sign-in is public; a wrong card is 400 for everyone.
  'POST /api/v1/auth/card': { expect: all(400), body: () => ({ accountCode: 'BR-00001', oneTimeCode: 'ABCD-EFGH' }) },
  'POST /api/v1/auth/card/complete': { expect: all(400), body: () => ({ setupToken: 'forged', secretKind: 'pin', secret: '480153' }) },
  // Courses studio: instructors on their own courses, administrators on all; "other" is a course of
  // another instructor. Each cell works on a fresh course, so edits never depend on earlier cells.
  'GET /api/v1/studio/courses': { expect: instructorsAndAdmins(200) },
  'POST /api/v1/studio/courses': { expect: instructorsAndAdmins(201), body: () => ({ ...MATRIX_COURSE }) },
  'GET /api/v1/studio/courses/{courseId}': { byTarget: courseOwners(200), paramsFor: freshCourseParams },
  'PATCH /api/v1/studio/courses/{courseId}': { byTarget: courseOwners(200), paramsFor: freshCourseParams, body: () => ({ draftRevision: 1, summary: { th: 'แก้ไข' } }) },
  'DELETE /api/v1/studio/courses/{courseId}': { byTarget: { ...courseOwners(204) }, paramsFor: freshCourseParams },
  'GET /api/v1/studio/courses/{courseId}/preview': { byTarget: courseOwners(200), paramsFor: freshCourseParams },
  'POST /api/v1/studio/courses/{courseId}/publish': { byTarget: courseOwners(200), paramsFor: freshCourseParams },
  'POST /api/v1/studio/courses/{courseId}/archive': { byTarget: courseOwners(200), paramsFor: freshCourseParams },
  // A course that is not archived cannot be restored: 409 for those allowed to try.
  'POST /api/v1/studio/courses/{courseId}/restore': { byTarget: courseOwners(409), paramsFor: freshCourseParams },
  'GET /api/v1/studio/courses/{courseId}/versions': { byTarget: courseOwners(200), paramsFor: freshCourseParams },
  'PUT /api/v1/studio/courses/{courseId}/outline': {
    byTarget: courseOwners(200),
    paramsFor: freshCourseParams,
    body: () => ({ draftRevision: 1, modules: [{ id: lastFresh.moduleId, lessonIds: [lastFresh.lessonId] }] }),
  },
  'POST /api/v1/studio/courses/{courseId}/modules': { byTarget: courseOwners(201), paramsFor: freshCourseParams, body: () => ({ title: 'Module' }) },
  'PATCH /api/v1/studio/modules/{moduleId}': { byTarget: courseOwners(200), paramsFor: freshCourseParams, body: () => ({ title: 'Renamed' }) },
  'DELETE /api/v1/studio/modules/{moduleId}': { byTarget: courseOwners(204), paramsFor: freshCourseParams },
  'POST /api/v1/studio/modules/{moduleId}/lessons': { byTarget: courseOwners(201), paramsFor: freshCourseParams, body: () => ({ type: 'text', title: 'Lesson', content: { body: 'x' } }) },
  'PATCH /api/v1/studio/lessons/{lessonId}': { byTarget: courseOwners(200), paramsFor: freshCourseParams, body: () => ({ title: 'Renamed' }) },
  'DELETE /api/v1/studio/lessons/{lessonId}': { byTarget: courseOwners(204), paramsFor: freshCourseParams },
  'GET /api/v1/studio/courses/{courseId}/instructors': { byTarget: courseOwners(200), paramsFor: freshCourseParams },
  // Only the owner (or an administrator) chooses co-instructors.
  'POST /api/v1/studio/courses/{courseId}/instructors': { byTarget: courseOwners(201), paramsFor: freshCourseParams, body: () => ({ email: studioPeople.invitee.email }) },
  'DELETE /api/v1/studio/courses/{courseId}/instructors/{userId}': {
    byTarget: courseOwners(204),
    paramsFor: async (caller, target) => {
      const params = await freshCourseParams(caller, target);
      await http().post(`/api/v1/studio/courses/${params.courseId}/instructors`).set(bearer(lastFresh.ownerToken)).send({ email: studioPeople.invitee.email }).expect(201);
      return { ...params, userId: studioPeople.invitee.id };
    },
  },
  'GET /api/v1/studio/invitations': { expect: instructorsAndAdmins(200) },
  // "own": the caller was invited to the course; "other": someone else was (nothing to accept: 404).
  'POST /api/v1/studio/invitations/{courseId}/accept': { byTarget: invitees(204), paramsFor: invitationParams },
  'POST /api/v1/studio/invitations/{courseId}/decline': { byTarget: invitees(204), paramsFor: invitationParams },
  'GET /api/v1/categories': { expect: all(200) },
  'POST /api/v1/admin/categories': { expect: adminOnly(201), body: () => ({ slug: `matrix-${randomUUID().slice(0, 8)}`, name: { th: 'หมวด' } }) },
  'PATCH /api/v1/admin/categories/{categoryId}': {
    expect: adminOnly(200),
    paramsFor: async () => {
      const res = await http().post('/api/v1/admin/categories').set(bearer(tokenOf('admin'))).send({ slug: `matrix-${randomUUID().slice(0, 8)}`, name: { th: 'หมวด' } }).expect(201);
      return { categoryId: res.body.id };
    },
    body: () => ({ position: 7 }),
  },
  // Media: instructors and administrators upload; the bytes are public (unguessable ids); details
  // and deletion belong to the uploader and administrators. "own" is a file the caller uploaded
  // (only instructors and administrators can have one), "other" someone else's.
  'POST /api/v1/media': { expect: { anonymous: 401, learner: 403, instructor: 201, admin: 201 }, upload: () => ({ type: 'image/png', bytes: TINY_PNG }) },
  'GET /api/v1/media/{mediaId}': {
    byTarget: { anonymous: { own: 200, other: 200 }, learner: { own: 200, other: 200 }, instructor: { own: 200, other: 200 }, admin: { own: 200, other: 200 } },
    paramsFor: mediaParams,
  },
  'GET /api/v1/media/{mediaId}/meta': { byTarget: uploaderOrAdmin(200), paramsFor: mediaParams },
  'DELETE /api/v1/media/{mediaId}': { byTarget: uploaderOrAdmin(204), paramsFor: mediaParams },
  // Enrolment: any signed-in person (a child session too) in a published course, each cell on a fresh one.
  'POST /api/v1/courses/{courseId}/enrollment': { expect: signedIn(201), paramsFor: () => publishedCourseParams(), body: () => ({}) },
  'GET /api/v1/courses/{courseId}/enrollment': { expect: signedIn(200), paramsFor: () => publishedCourseParams() },
  'DELETE /api/v1/courses/{courseId}/enrollment': { expect: signedIn(200), paramsFor: (caller) => enrolledCourseParams(caller) },
  'GET /api/v1/me/enrollments': { expect: signedIn(200) },
  // Roster and bulk files: those who teach the course (owner, co-instructor) and administrators.
  'GET /api/v1/studio/courses/{courseId}/enrollments': { byTarget: courseOwners(200), paramsFor: freshCourseParams },
  'POST /api/v1/studio/courses/{courseId}/enrollments': { byTarget: courseOwners(201), paramsFor: freshPublishedParams, body: (c) => ({ identifier: c.signInEmail }) },
  'POST /api/v1/studio/courses/{courseId}/enrollment-imports': {
    byTarget: courseOwners(201),
    paramsFor: freshPublishedParams,
    upload: () => ({ type: 'text/csv', bytes: Buffer.from('email\nnobody@example.org\n') }),
  },
  'POST /api/v1/studio/enrollment-imports/{importId}/confirm': { byTarget: courseOwners(200), paramsFor: importParams },
  // Progress and the player (issue 7): "own" = a published course the caller is enrolled in; "other" = one they are not.
  // Administrators may look at any course's player (they can teach it) but record progress only where enrolled.
  'GET /api/v1/learning/courses/{courseId}': { byTarget: { ...enrolledOnly(200, 403), admin: { own: 200, other: 200 } }, paramsFor: learnerCourseParams },
  'PUT /api/v1/learning/lessons/{lessonId}/progress': { byTarget: enrolledOnly(200, 403), paramsFor: learnerCourseParams, body: () => ({}) },
  'GET /api/v1/me/learning': { expect: signedIn(200) },
  'GET /api/v1/studio/courses/{courseId}/progress': { byTarget: courseOwners(200), paramsFor: freshCourseParams },
  // Notifications: one's own only; someone else's is 404 for everybody, administrators included.
  'GET /api/v1/me/notifications': { expect: signedIn(200) },
  'POST /api/v1/me/notifications/read-all': { expect: signedIn(200) },
  'POST /api/v1/me/notifications/{id}/read': { byTarget: enrolledOnly(200, 404), id: notificationOf },
  // Sessions and attendance: the studio side like the rest of the studio (the course's instructors
  // and administrators), on a published course with a session running now. Checking in and joining
  // need a seat in the course: only the learner holds one, and gets past it to the wrong code (422)
  // or the session not being a live one (422); a claim with an unknown account code is 400.
  'GET /api/v1/studio/courses/{courseId}/sessions': { byTarget: courseOwners(200), paramsFor: freshSessionParams },
  'GET /api/v1/studio/sessions/{lessonId}/roster': { byTarget: courseOwners(200), paramsFor: freshSessionParams },
  'PUT /api/v1/studio/sessions/{lessonId}/attendance': {
    byTarget: courseOwners(200),
    paramsFor: freshSessionParams,
    body: (c) => ({ marks: [{ userId: c.ids.learner, status: 'present' }] }),
  },
  'GET /api/v1/studio/sessions/{lessonId}/check-in-code': { byTarget: courseOwners(200), paramsFor: freshSessionParams },
  'POST /api/v1/studio/sessions/{lessonId}/walk-ins': {
    byTarget: courseOwners(201),
    paramsFor: freshSessionParams,
    body: () => ({ displayName: 'ผู้มาร่วมหน้างาน', targetGroup: 'general_public' }),
  },
  'POST /api/v1/sessions/{lessonId}/check-ins': { expect: seatHolders(422), paramsFor: freshSessionParams, body: () => ({ code: 'ABCD2345' }) },
  'POST /api/v1/sessions/{lessonId}/join': { expect: seatHolders(422), paramsFor: freshSessionParams },
  'POST /api/v1/me/walk-in-claims': { expect: signedIn(400), body: () => ({ accountCode: `BR-${randomInt(10_000, 99_999)}`, pin: '480153' }) },
  'GET /api/v1/me/sessions.ics': { expect: signedIn(200) },
  // Quiz authoring: like the rest of the studio, the course's instructors and administrators;
  // another instructor's course (or its questions, categories and quizzes) is 403.
  'GET /api/v1/studio/courses/{courseId}/questions': { byTarget: courseOwners(200), paramsFor: freshCourseParams },
  'POST /api/v1/studio/courses/{courseId}/questions': { byTarget: courseOwners(201), paramsFor: freshCourseParams, body: () => ({ definition: MATRIX_QUESTION }) },
  'GET /api/v1/studio/questions/{questionId}': { byTarget: courseOwners(200), paramsFor: freshQuizParams },
  'PUT /api/v1/studio/questions/{questionId}': { byTarget: courseOwners(200), paramsFor: freshQuizParams, body: () => ({ keyRevision: 1, definition: MATRIX_QUESTION }) },
  'DELETE /api/v1/studio/questions/{questionId}': { byTarget: courseOwners(204), paramsFor: freshQuizParams },
  'GET /api/v1/studio/courses/{courseId}/question-categories': { byTarget: courseOwners(200), paramsFor: freshCourseParams },
  'POST /api/v1/studio/courses/{courseId}/question-categories': { byTarget: courseOwners(201), paramsFor: freshCourseParams, body: () => ({ path: 'Matrix/Sub' }) },
  'DELETE /api/v1/studio/question-categories/{categoryId}': { byTarget: courseOwners(204), paramsFor: freshQuizParams },
  'POST /api/v1/studio/courses/{courseId}/question-imports': { byTarget: courseOwners(200), paramsFor: freshCourseParams, upload: () => ({ type: 'text/plain', bytes: Buffer.from('Matrix? {T}') }) },
  'GET /api/v1/studio/courses/{courseId}/questions.gift': { byTarget: courseOwners(200), paramsFor: freshQuizParams },
  'GET /api/v1/studio/courses/{courseId}/quizzes': { byTarget: courseOwners(200), paramsFor: freshQuizParams },
  'POST /api/v1/studio/courses/{courseId}/quizzes': { byTarget: courseOwners(201), paramsFor: freshCourseParams, body: () => ({ title: 'Matrix quiz' }) },
  'GET /api/v1/studio/quizzes/{quizId}': { byTarget: courseOwners(200), paramsFor: freshQuizParams },
  'PATCH /api/v1/studio/quizzes/{quizId}': { byTarget: courseOwners(200), paramsFor: freshQuizParams, body: () => ({ passingPercent: 80 }) },
  'DELETE /api/v1/studio/quizzes/{quizId}': { byTarget: courseOwners(204), paramsFor: freshQuizParams },
  'PUT /api/v1/studio/quizzes/{quizId}/extensions/{userId}': { byTarget: courseOwners(200), paramsFor: freshQuizParams, body: () => ({ extraSeconds: 300 }) },
  'DELETE /api/v1/studio/quizzes/{quizId}/extensions/{userId}': { byTarget: courseOwners(204), paramsFor: freshQuizParams },
  'GET /api/v1/studio/quizzes/{quizId}/regrades': { byTarget: courseOwners(200), paramsFor: freshQuizParams },
  'POST /api/v1/studio/quizzes/{quizId}/regrades': { byTarget: courseOwners(202), paramsFor: freshQuizParams },
  'GET /api/v1/studio/courses/{courseId}/gradebook': { byTarget: courseOwners(200), paramsFor: freshQuizParams },
  'GET /api/v1/studio/courses/{courseId}/gradebook.csv': { byTarget: courseOwners(200), paramsFor: freshQuizParams },
  // Quiz attempts: a learner with a seat in the quiz's course (only the learner holds one in these
  // quizzes). An attempt is its taker's alone: anyone else's is 404, with the body of an unknown id.
  'GET /api/v1/learning/quizzes/{quizId}': { expect: seatHolders(200), paramsFor: quizParams },
  'POST /api/v1/learning/quizzes/{quizId}/attempts': { expect: seatHolders(201), paramsFor: quizParams },
  'GET /api/v1/learning/attempts/{attemptId}': { byTarget: attemptTakers(200), paramsFor: attemptParams('in_progress') },
  'PATCH /api/v1/learning/attempts/{attemptId}/responses': {
    byTarget: attemptTakers(200),
    paramsFor: attemptParams('in_progress'),
    body: () => ({ responses: {}, revision: 1 }),
  },
  'POST /api/v1/learning/attempts/{attemptId}/submit': { byTarget: attemptTakers(202), paramsFor: attemptParams('in_progress') },
  'GET /api/v1/learning/attempts/{attemptId}/result': { byTarget: attemptTakers(200), paramsFor: attemptParams('graded') },
  'GET /api/v1/learning/attempts/{attemptId}/events': { byTarget: attemptTakers(200), paramsFor: attemptParams('graded') },
  // Certificates (issue 9). Verification, the signed documents, keys and the status list are public
  // and the same for everyone; the PDF is its owner's alone (anyone else's is 404, like an unknown id).
  'GET /api/v1/credentials/{code}/verification': { expect: all(200), paramsFor: matrixCredentialParams },
  'GET /api/v1/credentials/{code}/credential.json': { expect: all(200), paramsFor: matrixCredentialParams },
  'GET /api/v1/credentials/{code}/credential.jwt': { expect: all(200), paramsFor: matrixCredentialParams },
  'GET /api/v1/credentials/status/1': { expect: all(200) },
  'GET /api/v1/credentials/jwks.json': { expect: all(200) },
  'GET /api/v1/credentials/issuer': { expect: all(200) },
  'GET /api/v1/credentials/titles/{id}': { expect: all(200), paramsFor: freshTitleRuleParams },
  'GET /.well-known/did.json': { expect: all(200) },
  'GET /api/v1/me/credentials': { expect: signedIn(200) },
  'GET /api/v1/me/credentials/{id}/certificate.pdf': { byTarget: credentialOwners(200), paramsFor: renderedCredentialParams },
  // Administration of certificates: administrators only.
  'GET /api/v1/admin/credentials': { expect: adminOnly(200) },
  'GET /api/v1/admin/credentials/reconciliation': { expect: adminOnly(200) },
  'POST /api/v1/admin/credentials/{id}/revoke': { expect: adminOnly(200), paramsFor: freshCredentialParams, body: () => ({ reason: 'matrix' }) },
  'GET /api/v1/admin/credentials/issuer': { expect: adminOnly(200) },
  'PUT /api/v1/admin/credentials/issuer': { expect: adminOnly(200), body: () => ({ name: { th: 'บ้านเรียน' }, url: 'https://example.org' }) },
  'GET /api/v1/admin/credentials/keys': { expect: adminOnly(200) },
  'POST /api/v1/admin/credentials/keys/rotate': { expect: adminOnly(200) },
  'GET /api/v1/admin/credentials/templates': { expect: adminOnly(200) },
  'POST /api/v1/admin/credentials/templates': { expect: adminOnly(201), body: () => MATRIX_TEMPLATE },
  'POST /api/v1/admin/credentials/templates/preview': { expect: adminOnly(200), body: () => ({ content: MATRIX_TEMPLATE.content, locale: 'en' }) },
  'GET /api/v1/admin/credentials/templates/{id}': { expect: adminOnly(200), paramsFor: freshTemplateParams },
  'PUT /api/v1/admin/credentials/templates/{id}': { expect: adminOnly(200), paramsFor: freshTemplateParams, body: () => ({ name: 'Renamed' }) },
  'DELETE /api/v1/admin/credentials/templates/{id}': { expect: adminOnly(204), paramsFor: freshTemplateParams },
  'POST /api/v1/admin/credentials/templates/{id}/reissue': { expect: adminOnly(202), paramsFor: freshTemplateParams },
  'GET /api/v1/admin/credentials/title-rules': { expect: adminOnly(200) },
  'POST /api/v1/admin/credentials/title-rules': { expect: adminOnly(201), body: () => MATRIX_TITLE_RULE },
  'PUT /api/v1/admin/credentials/title-rules/{id}': { expect: adminOnly(200), paramsFor: freshTitleRuleParams, body: () => ({ minHours: 30 }) },
  'DELETE /api/v1/admin/credentials/title-rules/{id}': { expect: adminOnly(204), paramsFor: freshTitleRuleParams },
  'POST /api/v1/admin/credentials/title-rules/{id}/award': { expect: adminOnly(202), paramsFor: freshTitleRuleParams },
  // Jobs that failed for good (issue 12): administrators only; each cell retries or dismisses a fresh real failure.
  'GET /api/v1/admin/jobs/failed': { expect: adminOnly(200) },
  'POST /api/v1/admin/jobs/failed/{id}/retry': { expect: adminOnly(200), paramsFor: freshJobFailureParams },
  'POST /api/v1/admin/jobs/failed/{id}/dismiss': { expect: adminOnly(200), paramsFor: freshJobFailureParams, body: () => ({ reason: 'matrix' }) },
  // Measured reach (issue 10): the page-view beacon is public and the same 204 for everyone.
  'POST /api/v1/reach/visits': { expect: all(204), body: () => ({ page: 'catalog' }) },
  // Participation reports: instructors read their own courses' reports; plans and recorded reach are for administrators.
  'GET /api/v1/reports': { expect: instructorsAndAdmins(200), query: { period: 'fy:2569', preset: 'fiscal_year_summary' } },
  'GET /api/v1/reports/options': { expect: instructorsAndAdmins(200) },
  'GET /api/v1/reports/plans': { expect: adminOnly(200), query: { fiscalYear: '2569' } },
  'PUT /api/v1/reports/plans': { expect: adminOnly(200), body: () => ({ fiscalYear: 2569, targets: [{ targetGroup: 'all', measure: 'learners', target: 100 }] }) },
  'GET /api/v1/reports/reach-campaigns': { expect: adminOnly(200) },
  'POST /api/v1/reports/reach-campaigns': { expect: adminOnly(201), body: () => MATRIX_CAMPAIGN },
  'PATCH /api/v1/reports/reach-campaigns/{id}': { expect: adminOnly(200), paramsFor: freshCampaignParams, body: () => ({ reach: 10 }) },
  'DELETE /api/v1/reports/reach-campaigns/{id}': { expect: adminOnly(204), paramsFor: freshCampaignParams },
  // Report exports (issue 10): instructors export their own courses (scope forced), learners nothing;
  // an export and its file are the requester's only (404 for anyone else, administrators included).
  'POST /api/v1/reports/exports': { expect: instructorsAndAdmins(200), body: () => ({ format: 'csv', kind: 'enrollments', period: 'fy:2569' }) },
  'GET /api/v1/reports/exports': { expect: signedIn(200) },
  'GET /api/v1/reports/exports/{id}': { byTarget: credentialOwners(200), paramsFor: exportParams(false) },
  'GET /api/v1/reports/exports/{id}/file': { byTarget: credentialOwners(200), paramsFor: exportParams(true) },
  'POST /api/v1/reports/exports/{id}/link': { byTarget: credentialOwners(201), paramsFor: exportParams(true) },
  // The link's token is the only credential: a forged one names no link, whoever sends it (report-exports.spec.ts signs real ones).
  'GET /api/v1/reports/exports/{id}/download': {
    expect: all(404),
    paramsFor: exportParams(true),
    query: { token: `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.0.9999999999.${'A'.repeat(43)}` },
  },
};

/** An export of the caller ("own") or of the other user; `ready` with its file in media storage. */
function exportParams(ready: boolean) {
  return async (caller: Caller, target: Target | 'no user id'): Promise<Record<string, string>> => {
    const owner = target === 'own' && caller !== 'anonymous' ? ctx.ids[caller] : ctx.ids.other;
    const [{ id }] = await api.db().query(
      `INSERT INTO report_export (requested_by_id, format, kind, query, status) VALUES ($1, 'csv', 'enrollments', '{"period": "fy:2569"}', 'queued') RETURNING id`,
      [owner],
    );
    if (ready) {
      const key = `exports/${id}/export.csv`;
      await api.app().get<symbol, MediaStorage>(MEDIA_STORAGE).put(key, Readable.from([Buffer.from('\ufeffa,b\r\n')]), 'text/csv');
      await api.db().query(`UPDATE report_export SET status = 'ready', storage_key = $2, expires_at = now() + interval '1 hour' WHERE id = $1`, [id, key]);
    }
    return { id };
  };
}

const MATRIX_TEMPLATE = { name: 'Matrix template', content: { organisationName: 'Baanrian', signatories: [] } };
const MATRIX_TITLE_RULE = { fiscalYear: 2569, name: { th: 'พลเมืองนักเรียนรู้' }, minCompletedCourses: 1, minHours: 10 };

/** One credential of the other user, for the public rows. */
let matrixCredential: Promise<{ code: string }> | null = null;
async function matrixCredentialParams(): Promise<Record<string, string>> {
  matrixCredential ??= seedCredential(api.app(), api.db(), { userId: ctx.ids.other });
  return { code: (await matrixCredential).code };
}

async function freshCredentialParams(): Promise<Record<string, string>> {
  return { id: (await seedCredential(api.app(), api.db(), { userId: ctx.ids.other })).id };
}

/** A credential of the caller ("own") or of the other user, with its PDF rendered. */
async function renderedCredentialParams(caller: Caller, target: Target | 'no user id'): Promise<Record<string, string>> {
  const owner = target === 'own' && caller !== 'anonymous' ? ctx.ids[caller] : ctx.ids.other;
  const credential = await seedCredential(api.app(), api.db(), { userId: owner });
  const template = await http().post('/api/v1/admin/credentials/templates').set(bearer(tokenOf('admin'))).send(MATRIX_TEMPLATE).expect(201);
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
  const media = await http().post('/api/v1/media').set(bearer(tokenOf('admin'))).set('Content-Type', 'application/pdf').send(pdf).expect(201);
  await api.db().query(
    `INSERT INTO credential_pdf (credential_id, serial, template_id, template_version, media_id, rendered_at) VALUES ($1, $2, $3, 1, $4, now())`,
    [credential.id, `BR-MATRIX-${randomUUID().slice(0, 8)}`, template.body.id, media.body.id],
  );
  return { id: credential.id };
}

function credentialOwners(own: number) {
  return {
    anonymous: { own: 401, other: 401 },
    learner: { own, other: 404 },
    instructor: { own, other: 404 },
    admin: { own, other: 404 },
  };
}

/** A template that is not the default (a default one exists first), so it may be deleted. */
async function freshTemplateParams(): Promise<Record<string, string>> {
  const admin = bearer(tokenOf('admin'));
  await http().post('/api/v1/admin/credentials/templates').set(admin).send({ ...MATRIX_TEMPLATE, isDefault: true }).expect(201);
  const template = await http().post('/api/v1/admin/credentials/templates').set(admin).send(MATRIX_TEMPLATE).expect(201);
  return { id: template.body.id };
}

const MATRIX_CAMPAIGN = { channel: 'line', startsOn: '2026-01-05', endsOn: '2026-01-06', reach: 100 };

async function freshCampaignParams(): Promise<Record<string, string>> {
  const campaign = await http().post('/api/v1/reports/reach-campaigns').set(bearer(tokenOf('admin'))).send(MATRIX_CAMPAIGN).expect(201);
  return { id: campaign.body.id };
}

let failedJobs: FailedJobsFixture | undefined;
afterAll(() => failedJobs?.close());

/** A job failed for good in Redis (the API's queue prefix) and its record, as the worker leaves them. */
async function freshJobFailureParams(): Promise<Record<string, string>> {
  failedJobs ??= FailedJobsFixture.of(api.app());
  const job = await failedJobs.failForGood('system', 'system.ping', { pingId: randomUUID() });
  return { id: await insertFailureOf(api.db(), 'system', job) };
}

async function freshTitleRuleParams(): Promise<Record<string, string>> {
  const rule = await http().post('/api/v1/admin/credentials/title-rules').set(bearer(tokenOf('admin'))).send(MATRIX_TITLE_RULE).expect(201);
  return { id: rule.body.id };
}

/** A fresh quiz in a course where only the learner holds a seat. */
async function quizParams(): Promise<Record<string, string>> {
  const fixture = await createQuiz(api.db());
  await enrolIn(api.db(), fixture.courseId, ctx.ids.learner);
  return { quizId: fixture.quizId };
}

/** An attempt of the caller ("own"; each signed-in kind may take quizzes) or of the other user, in a fresh quiz. */
function attemptParams(status: 'in_progress' | 'graded') {
  return async (caller: Caller, target: Target | 'no user id'): Promise<Record<string, string>> => {
    const fixture = await createQuiz(api.db(), { attempts_allowed: null });
    const taker = target === 'own' && caller !== 'anonymous' ? ctx.ids[caller] : ctx.ids.other;
    return { attemptId: await insertAttempt(api.db(), fixture, taker, status) };
  };
}

function attemptTakers(own: number) {
  return {
    anonymous: { own: 401, other: 401 },
    learner: { own, other: 404 },
    instructor: { own, other: 404 },
    admin: { own, other: 404 },
  };
}

const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

function uploaderOrAdmin(own: number) {
  return {
    anonymous: { own: 401, other: 401 },
    learner: { own: 403, other: 403 },
    instructor: { own, other: 403 },
    admin: { own, other: own },
  };
}

const MATRIX_COURSE = { title: { th: 'รายวิชาทดสอบสิทธิ์' }, summary: { th: 'สรุป' }, language: 'th', targetGroups: ['youth'], format: 'self_paced' };

function instructorsAndAdmins(status: number): PerCaller {
  return { anonymous: 401, learner: 403, instructor: status, admin: status };
}

/** Only the learner holds a seat in the sessions' courses (a child session is another person). */
function seatHolders(learner: number): PerCaller {
  return { anonymous: 401, learner, instructor: 403, admin: 403, child: 403 };
}

/** The owner (the caller's own course) and administrators (any course); learners never reach the studio. */
function courseOwners(own: number) {
  return {
    anonymous: { own: 401, other: 401 },
    learner: { own: 403, other: 403 },
    instructor: { own, other: 403 },
    admin: { own, other: own },
  };
}

function invitees(own: number) {
  return {
    anonymous: { own: 401, other: 401 },
    learner: { own: 403, other: 403 },
    instructor: { own, other: 404 },
    admin: { own, other: 404 },
  };
}

/** Another instructor who owns "other" courses, and one who gets invited. Made once, on first use. */
let studioPeople: { owner: { id: string; token: string }; invitee: { id: string; email: string } };
async function ensureStudioPeople(): Promise<typeof studioPeople> {
  if (studioPeople) return studioPeople;
  const make = async () => {
    const person = await signUp(http);
    await http().put(`/api/v1/admin/users/${person.id}/roles/instructor`).set(bearer(tokenOf('admin'))).expect(200);
    return { id: person.id, email: person.email, token: (await signIn(http, person.email)).accessToken };
  };
  studioPeople = { owner: await make(), invitee: await make() };
  return studioPeople;
}

let lastFresh: { courseId: string; moduleId: string; lessonId: string; ownerToken: string };

/** A fresh publishable course: the caller's own (instructors, administrators), else another instructor's. */
async function freshCourseParams(caller: Caller, target: Target | 'no user id'): Promise<Record<string, string>> {
  const people = await ensureStudioPeople();
  const ownerToken = target === 'own' && (caller === 'instructor' || caller === 'admin') ? tokenOf(caller) : people.owner.token;
  const course = await http().post('/api/v1/studio/courses').set(bearer(ownerToken)).send(MATRIX_COURSE).expect(201);
  const module = await http().post(`/api/v1/studio/courses/${course.body.id}/modules`).set(bearer(ownerToken)).send({ title: 'M' }).expect(201);
  const lesson = await http().post(`/api/v1/studio/modules/${module.body.id}/lessons`).set(bearer(ownerToken)).send({ type: 'text', title: 'L', content: { body: 'x' } }).expect(201);
  lastFresh = { courseId: course.body.id, moduleId: module.body.id, lessonId: lesson.body.id, ownerToken };
  return { courseId: course.body.id, moduleId: module.body.id, lessonId: lesson.body.id };
}

/** A fresh published course nobody is enrolled in. */
async function publishedCourseParams(): Promise<Record<string, string>> {
  const course = await publishTestCourse(api.db(), { slug: `matrix-enrol-${randomUUID().slice(0, 8)}` });
  return { courseId: course.courseId };
}

/** A fresh published course the caller is enrolled in (anonymous callers: not enrolled). */
async function enrolledCourseParams(caller: Caller): Promise<Record<string, string>> {
  const params = await publishedCourseParams();
  const token = tokens[caller];
  if (token) await http().post(`/api/v1/courses/${params.courseId}/enrollment`).set(bearer(token)).send({}).expect(201);
  return params;
}

/** Like freshCourseParams, published. */
async function freshPublishedParams(caller: Caller, target: Target | 'no user id'): Promise<Record<string, string>> {
  const params = await freshCourseParams(caller, target);
  await http().post(`/api/v1/studio/courses/${params.courseId}/publish`).set(bearer(lastFresh.ownerToken)).expect(200);
  return params;
}

/** A bulk enrolment preview uploaded by the course's owner (the caller's own course, or another instructor's). */
async function importParams(caller: Caller, target: Target | 'no user id'): Promise<Record<string, string>> {
  const params = await freshPublishedParams(caller, target);
  const res = await http()
    .post(`/api/v1/studio/courses/${params.courseId}/enrollment-imports`)
    .set(bearer(lastFresh.ownerToken))
    .set('Content-Type', 'text/csv')
    .send(Buffer.from(`email\n${ctx.signInEmail}\n`))
    .expect(201);
  return { importId: res.body.id };
}

/**
 * A fresh published course with an onsite session running now (the caller's own, else another
 * instructor's); the learner holds a seat in it, so roster marks for them are accepted.
 */
async function freshSessionParams(caller: Caller, target: Target | 'no user id'): Promise<Record<string, string>> {
  const people = await ensureStudioPeople();
  const ownerToken = target === 'own' && (caller === 'instructor' || caller === 'admin') ? tokenOf(caller) : people.owner.token;
  const course = await http().post('/api/v1/studio/courses').set(bearer(ownerToken)).send(MATRIX_COURSE).expect(201);
  const module = await http().post(`/api/v1/studio/courses/${course.body.id}/modules`).set(bearer(ownerToken)).send({ title: 'M' }).expect(201);
  const startsAt = new Date(Date.now() - 10 * 60_000).toISOString();
  const endsAt = new Date(Date.now() + 50 * 60_000).toISOString();
  const lesson = await http()
    .post(`/api/v1/studio/modules/${module.body.id}/lessons`)
    .set(bearer(ownerToken))
    .send({ type: 'onsite_session', title: 'S', content: { venue: 'V', address: 'A', startsAt, endsAt } })
    .expect(201);
  await http().post(`/api/v1/studio/courses/${course.body.id}/publish`).set(bearer(ownerToken)).expect(200);
  await api.db().query(`INSERT INTO enrollment (course_id, user_id, status, channel, source, activated_at) VALUES ($1, $2, 'active', 'onsite', 'self', now())`, [
    course.body.id,
    ctx.ids.learner,
  ]);
  return { courseId: course.body.id, lessonId: lesson.body.id };
}

const MATRIX_QUESTION = {
  type: 'true_false',
  stem: { text: 'Matrix?', format: 'plain' },
  points: 1,
  tags: [],
  correct: true,
};

/**
 * A fresh course (the caller's own, else another instructor's) with a categorised question, a
 * quiz using it, and the learner holding a seat (for time extensions).
 */
async function freshQuizParams(caller: Caller, target: Target | 'no user id'): Promise<Record<string, string>> {
  const params = await freshCourseParams(caller, target);
  const token = lastFresh.ownerToken;
  const question = await http()
    .post(`/api/v1/studio/courses/${params.courseId}/questions`)
    .set(bearer(token))
    .send({ definition: MATRIX_QUESTION, categoryPath: 'Matrix' })
    .expect(201);
  const quiz = await http().post(`/api/v1/studio/courses/${params.courseId}/quizzes`).set(bearer(token)).send({ title: 'Q', questionIds: [question.body.id] }).expect(201);
  await api.db().query(`INSERT INTO enrollment (course_id, user_id, status, channel, source, activated_at) VALUES ($1, $2, 'active', 'onsite', 'self', now())`, [
    params.courseId,
    ctx.ids.learner,
  ]);
  return { courseId: params.courseId, questionId: question.body.id, categoryId: question.body.categoryId, quizId: quiz.body.id, userId: ctx.ids.learner };
}

/** A course of another instructor, with an invitation for the caller ("own") or for someone else ("other"). */
async function invitationParams(caller: Caller, target: Target | 'no user id'): Promise<Record<string, string>> {
  const people = await ensureStudioPeople();
  const params = await freshCourseParams('learner', 'other');
  let email = people.invitee.email;
  if (target === 'own' && (caller === 'instructor' || caller === 'admin')) {
    // Administrators hold every role's rights but are invited like instructors: give them the role.
    const [row] = await api.db().query(`SELECT email FROM app_user WHERE id = $1`, [ctx.ids[caller]]);
    if (caller === 'admin') await api.db().query(`INSERT INTO user_role (user_id, role) VALUES ($1, 'instructor') ON CONFLICT DO NOTHING`, [ctx.ids.admin]);
    email = row.email;
  }
  await http().post(`/api/v1/studio/courses/${params.courseId}/instructors`).set(bearer(people.owner.token)).send({ email }).expect(201);
  return { courseId: params.courseId };
}

/** Own object → `own`, anybody else's → `other`, for every signed-in caller (child included). */
function enrolledOnly(own: number, other: number) {
  return { anonymous: { own: 401, other: 401 }, learner: { own, other }, instructor: { own, other }, admin: { own, other }, child: { own, other } };
}

/** A published course of another instructor; with "own", the caller (or the child acted as) is enrolled. */
async function learnerCourseParams(caller: Caller, target: Target | 'no user id'): Promise<Record<string, string>> {
  const params = await freshCourseParams('learner', 'other');
  await http().post(`/api/v1/studio/courses/${params.courseId}/publish`).set(bearer(lastFresh.ownerToken)).expect(200);
  if (target === 'own' && caller !== 'anonymous') {
    await api.db().query(`INSERT INTO enrollment (course_id, user_id, status, activated_at) VALUES ($1, $2, 'active', now())`, [params.courseId, ctx.ids[caller]]);
  }
  return { courseId: params.courseId, lessonId: params.lessonId };
}

/** A notification of the caller (or the child acted as), or of the other user. */
async function notificationOf(caller: Caller, target: Target): Promise<string> {
  const userId = target === 'own' && caller !== 'anonymous' ? ctx.ids[caller] : ctx.ids.other;
  const [row] = await api.db().query(`INSERT INTO notification (user_id, type, data, dedupe_key) VALUES ($1, 'waitlist.promoted', '{}', $2) RETURNING id`, [userId, `matrix:${randomUUID()}`]);
  return row.id;
}

/** A new file uploaded by the instructor or the administrator. */
async function mediaOf(uploader: 'instructor' | 'admin'): Promise<string> {
  const res = await http().post('/api/v1/media').set(bearer(tokenOf(uploader))).set('Content-Type', 'image/png').send(TINY_PNG).expect(201);
  return res.body.id;
}

/** The caller's own new file (instructors, administrators), or one someone else uploaded. */
async function mediaParams(caller: Caller, target: Target | 'no user id'): Promise<Record<string, string>> {
  if (target === 'own' && (caller === 'instructor' || caller === 'admin')) return { mediaId: await mediaOf(caller) };
  return { mediaId: await mediaOf(caller === 'instructor' ? 'admin' : 'instructor') };
}

function guardianOnly(own: number) {
  return {
    anonymous: { own: 401, other: 401 },
    learner: { own, other: 403 },
    instructor: { own, other: 403 },
    admin: { own, other: 403 },
    child: { own: 403, other: 403 },
  };
}

/** A new account of the caller's kind, signed in: a learner, an instructor, an administrator, or a learner acting as a new child. */
async function freshToken(caller: Exclude<Caller, 'anonymous'>): Promise<string> {
  const person = await signUp(http);
  if (caller === 'learner') return person.accessToken;
  if (caller === 'child') return switchToChild(http, person.accessToken, (await createChild(http, person.accessToken)).id);
  await http().put(`/api/v1/admin/users/${person.id}/roles/${caller}`).set(bearer(tokenOf('admin'))).expect(200);
  return (await signIn(http, person.email)).accessToken;
}

function tokenOf(caller: Guardian): string {
  const token = tokens[caller];
  if (!token) throw new Error(`no token for ${caller}`);
  return token;
}

const isGuardian = (caller: Caller): caller is Guardian => caller === 'learner' || caller === 'instructor' || caller === 'admin';

/** The caller's child ("own"; a child session's own id) or the other user's child. */
function childOf(caller: Caller, target: Target): string {
  if (target === 'other' || caller === 'anonymous') return ctx.children.other;
  return isGuardian(caller) ? ctx.children[caller] : ctx.ids.child;
}

/** A fresh consent of the caller ("own"), or one the other user gave. */
async function consentOf(caller: Caller, target: Target): Promise<string> {
  // The other user is disabled and enabled by other rows, which ends their sessions: sign in anew.
  const giver = target === 'own' && isGuardian(caller) ? tokenOf(caller) : (await signIn(http, otherEmail)).accessToken;
  const res = await http().post('/api/v1/me/consents').set(bearer(giver)).send({ purpose: 'communications', policyVersion: CONSENT_POLICY_VERSION }).expect(201);
  return res.body.id;
}

interface Operation {
  key: string;
  method: string;
  path: string;
  secured: boolean;
}

/** The generated document, as committed in libs/api-client (schema.spec.ts checks it matches the API). */
const document = JSON.parse(readFileSync(path.resolve(__dirname, '../../../libs/api-client/src/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { security?: unknown[] }>>;
};
const OPERATIONS: Operation[] = Object.entries(document.paths).flatMap(([route, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    key: `${method.toUpperCase()} ${route}`,
    method,
    path: route,
    secured: (op.security ?? []).some((s) => Object.keys(s as object).includes('bearer')),
  })),
);

interface Cell {
  caller: Caller;
  target: Target | 'no user id';
  status: number;
}

function cells(entry: Entry): Cell[] {
  const { byTarget, expect: flat } = entry;
  if (byTarget) {
    const statuses = { ...byTarget, child: byTarget.child ?? byTarget.learner };
    return CALLERS.flatMap((caller) => (['own', 'other'] as const).map((target) => ({ caller, target, status: statuses[caller][target] })));
  }
  if (flat) {
    const statuses = { ...flat, child: flat.child ?? flat.learner };
    return CALLERS.map((caller) => ({ caller, target: 'no user id' as const, status: statuses[caller] }));
  }
  throw new Error('a matrix entry needs expect or byTarget');
}

const tokens: Partial<Record<Caller, string>> = {};
let otherEmail: string;
let ctx: Context;

beforeAll(async () => {
  const admin = await http()
    .post('/api/v1/setup/admin')
    .send({ email: uniqueEmail('admin'), password: PASSWORD, displayName: 'Admin', preferredLocale: 'en' })
    .expect(201);
  const learner = await signUp(http);
  const instructor = await signUp(http);
  await http().put(`/api/v1/admin/users/${instructor.id}/roles/instructor`).set(bearer(admin.body.accessToken)).expect(200);
  // Someone else: asked to be counted as education staff, so there is something to confirm.
  const other = await signUp(http, { targetGroup: 'education_staff' });
  const signInUser = await signUp(http);
  tokens.admin = admin.body.accessToken;
  tokens.learner = learner.accessToken;
  tokens.instructor = (await signIn(http, instructor.email)).accessToken;
  otherEmail = other.email;
  const children = {
    learner: (await createChild(http, learner.accessToken)).id,
    instructor: (await createChild(http, tokens.instructor)).id,
    admin: (await createChild(http, admin.body.accessToken)).id,
    other: (await createChild(http, other.accessToken)).id,
  };
  // The learner acting as a child of their own (not the one the learner rows use).
  const child = await createChild(http, learner.accessToken);
  tokens.child = await switchToChild(http, learner.accessToken, child.id);
  ctx = {
    ids: { admin: admin.body.user.id, learner: learner.id, instructor: instructor.id, other: other.id, child: child.id },
    signInEmail: signInUser.email,
    children,
  };
});

describe('the authorisation matrix', () => {
  it('has exactly one entry for every operation in the OpenAPI document', () => {
    expect(OPERATIONS.length).toBeGreaterThan(0);
    expect(Object.keys(MATRIX).sort()).toEqual(OPERATIONS.map((op) => op.key).sort());
  });

  it('is built from the document the API serves', async () => {
    const live = (await http().get('/api/docs-json').expect(200)).body as typeof document;
    const liveKeys = Object.entries(live.paths).flatMap(([route, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${route}`));
    expect(liveKeys.sort()).toEqual(OPERATIONS.map((op) => op.key).sort());
  });

  it('agrees with the document: bearer-secured operations refuse anonymous callers, public ones never say 403', () => {
    for (const op of OPERATIONS.filter((o) => MATRIX[o.key])) {
      const anonymous = cells(MATRIX[op.key]).filter((c) => c.caller === 'anonymous').map((c) => c.status);
      const consistent = op.secured ? anonymous.every((s) => s === 401) : anonymous.every((s) => s !== 403);
      expect({ op: op.key, consistent }).toEqual({ op: op.key, consistent: true });
    }
  });

  describe.each(OPERATIONS.filter((op) => MATRIX[op.key]))('$key', (op) => {
    const entry = MATRIX[op.key];
    it.each(cells(entry))('as $caller on $target → $status', async ({ caller, target, status }) => {
      await entry.before?.();
      const userId = target === 'own' && caller !== 'anonymous' ? ctx.ids[caller] : ctx.ids.other;
      const id = entry.id && target !== 'no user id' ? await entry.id(caller, target) : userId;
      const params: Record<string, string> = { id, ...entry.params, ...(await entry.paramsFor?.(caller, target)) };
      const token = entry.freshCaller && caller !== 'anonymous' ? await freshToken(caller) : tokens[caller];
      const res = await send(token);
      expect({ status: res.status, code: res.body?.code }).toEqual({ status, code: res.body?.code });
      // A refusal must not tell another user's object from nothing: the same request with each id
      // in the path replaced by one that names nothing gets the same status and the same bytes.
      if (!REFUSALS.includes(status)) return;
      for (const name of objectIdParams(op.path)) {
        const missing = await send(token, { ...params, [name]: randomUUID() });
        expect({ param: name, status: missing.status, body: comparable(missing) }).toEqual({ param: name, status: res.status, body: comparable(res) });
      }

      function send(bearerToken: string | undefined, values: Record<string, string> = params) {
        const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => values[name]);
        let req = http()[op.method as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
        if (bearerToken) req = req.set(bearer(bearerToken));
        if (entry.query) req = req.query(entry.query);
        if (entry.body) req = req.send(entry.body(ctx));
        if (entry.upload) {
          const file = entry.upload();
          req = req.set('Content-Type', file.type).send(file.bytes);
        }
        return req;
      }
    });
  });
});

/** Statuses that refuse the caller: their bodies must be the same for another user's object and for none. */
const REFUSALS = [401, 403, 404];

/** Path parameters naming an object (`{id}`, `{courseId}`, …); not `{role}`, `{slug}` or `{code}`, which are no ids. */
function objectIdParams(route: string): string[] {
  return [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((name) => name === 'id' || name.endsWith('Id'));
}

/**
 * The answer as bytes to compare: the body text with only `instance` (the request's own URL, which
 * holds the id) and `requestId` (new for every request) taken out, plus the content type.
 */
function comparable(res: { text: string; headers: Record<string, string> }): { contentType: string; text: string } {
  const body = JSON.parse(res.text) as Record<string, unknown>;
  delete body.instance;
  delete body.requestId;
  return { contentType: res.headers['content-type'], text: JSON.stringify(body) };
}
