import { asAssistedAccount, asChild, asConsent, asCourse, asReport, asUser, defineAbilityFor } from '../src/authz/ability.factory';
import type { AuthUser } from '../src/authz/authz.types';
import { ensureCan } from '../src/authz/policy';

const person = (id: string, ...roles: AuthUser['roles']): AuthUser => ({ id, displayName: id, roles });

describe('the policy (CASL abilities)', () => {
  const learner = defineAbilityFor(person('ann', 'learner'));
  const instructor = defineAbilityFor(person('ben', 'learner', 'instructor'));
  const admin = defineAbilityFor(person('cat', 'learner', 'admin'));
  const anonymous = defineAbilityFor(null);

  it('lets a learner read and edit their own records, and nobody else\'s', () => {
    expect(learner.can('read', asUser({ id: 'ann' }))).toBe(true);
    expect(learner.can('update', asUser({ id: 'ann' }))).toBe(true);
    expect(learner.can('read', asUser({ id: 'ben' }))).toBe(false);
    expect(learner.can('update', asUser({ id: 'ben' }))).toBe(false);
    expect(anonymous.can('read', asUser({ id: 'ann' }))).toBe(false);
  });

  it('gives role grants, user listing, disabling and staff confirmation to administrators only', () => {
    for (const action of ['grantRole', 'list', 'disable', 'confirmStaff'] as const) {
      expect([learner, instructor, anonymous].map((a) => a.can(action, 'User'))).toEqual([false, false, false]);
      expect(learner.can(action, asUser({ id: 'ann' }))).toBe(false); // not even on oneself
      expect(admin.can(action, asUser({ id: 'ann' }))).toBe(true);
    }
    expect(admin.can('read', 'AuditLog')).toBe(true);
    expect(instructor.can('read', 'AuditLog')).toBe(false);
  });

  it('lets instructors manage the courses they own or co-teach, not others', () => {
    const owned = asCourse({ id: 'c1', status: 'draft', ownerId: 'ben', coTeacherIds: [] });
    const coTaught = asCourse({ id: 'c2', status: 'draft', ownerId: 'dan', coTeacherIds: ['eve', 'ben'] });
    const someoneElses = asCourse({ id: 'c3', status: 'draft', ownerId: 'dan', coTeacherIds: ['eve'] });
    expect(instructor.can('update', owned)).toBe(true);
    expect(instructor.can('update', coTaught)).toBe(true);
    expect(instructor.can('update', someoneElses)).toBe(false);
    expect(learner.can('update', owned)).toBe(false);
    expect(admin.can('update', someoneElses)).toBe(true);
  });

  it('shows published courses to everyone and drafts only to those who manage them', () => {
    const published = asCourse({ id: 'c4', status: 'published', ownerId: 'dan' });
    const draft = asCourse({ id: 'c5', status: 'draft', ownerId: 'dan' });
    expect([anonymous, learner, instructor].map((a) => a.can('read', published))).toEqual([true, true, true]);
    expect([anonymous, learner, instructor].map((a) => a.can('read', draft))).toEqual([false, false, false]);
  });

  it('lets instructors and administrators create assisted accounts, and print cards for those the instructor created', () => {
    expect([anonymous, learner, instructor, admin].map((a) => a.can('create', 'AssistedAccount'))).toEqual([false, false, true, true]);
    const bens = asAssistedAccount({ userId: 'gus', createdById: 'ben', roles: ['learner'] });
    const dans = asAssistedAccount({ userId: 'hal', createdById: 'dan', roles: ['learner'] });
    const orphan = asAssistedAccount({ userId: 'ivy', createdById: null, roles: ['learner'] });
    expect([instructor.can('issueCard', bens), instructor.can('issueCard', dans), instructor.can('issueCard', orphan)]).toEqual([true, false, false]);
    expect([admin.can('issueCard', bens), admin.can('issueCard', dans), admin.can('issueCard', orphan)]).toEqual([true, true, true]);
    expect(learner.can('issueCard', 'AssistedAccount')).toBe(false);
    expect([instructor.can('read', bens), instructor.can('read', dans), admin.can('read', dans), learner.can('read', 'AssistedAccount')]).toEqual([true, false, true, false]);
    // A card can reset the holder's secret: never an instructor's way into a colleague's account.
    const promoted = asAssistedAccount({ userId: 'gus', createdById: 'ben', roles: ['instructor', 'learner'] });
    expect(instructor.can('issueCard', promoted)).toBe(false);
    expect(admin.can('issueCard', promoted)).toBe(true);
    const both = defineAbilityFor(person('ben', 'instructor', 'admin'));
    expect(both.can('issueCard', promoted)).toBe(true);
  });

  it('lets administrators manage reports, instructors read reports on their own courses only, learners none', () => {
    expect(admin.can('manage', 'Report')).toBe(true);
    expect(admin.can('read', asReport({ instructorId: null }))).toBe(true);
    expect(instructor.can('read', 'Report')).toBe(true);
    expect(instructor.can('read', asReport({ instructorId: 'ben' }))).toBe(true);
    expect(instructor.can('read', asReport({ instructorId: 'dan' }))).toBe(false);
    expect(instructor.can('read', asReport({ instructorId: null }))).toBe(false);
    expect(instructor.can('manage', 'Report')).toBe(false);
    expect([learner, anonymous].map((a) => a.can('read', 'Report'))).toEqual([false, false]);
  });

  it('refuses with 403 FORBIDDEN through the one check', () => {
    expect(() => ensureCan(learner, 'grantRole', asUser({ id: 'ann' }))).toThrow(expect.objectContaining({ code: 'FORBIDDEN', status: 403 }));
    expect(() => ensureCan(admin, 'grantRole', asUser({ id: 'ann' }))).not.toThrow();
  });

  describe('guardians, consent and rights', () => {
    // Dee is Ann's child; a child session is Ann acting as Dee, and holds Dee's roles.
    const childSession = defineAbilityFor({ id: 'dee', displayName: 'dee', roles: ['learner'], isChild: true, actingGuardianId: 'ann' });
    const dee = asChild({ id: 'dee', guardianId: 'ann' });

    it("lets only the guardian manage and switch into their child: not other people, not administrators", () => {
      for (const action of ['read', 'update', 'delete', 'switchTo'] as const) {
        expect([learner, instructor, admin, childSession].map((a) => a.can(action, dee))).toEqual([true, false, false, false]);
      }
      expect([learner, instructor, admin, childSession, anonymous].map((a) => a.can('create', 'Child'))).toEqual([true, true, true, false, false]);
    });

    it('lets people read and withdraw consents about themselves or given by them, and nobody else\'s', () => {
      const forDee = asConsent({ subjectId: 'dee', givenById: 'ann' });
      expect([learner, instructor, admin, childSession].map((a) => a.can('withdraw', forDee))).toEqual([true, false, false, false]);
      expect(instructor.can('withdraw', asConsent({ subjectId: 'ben', givenById: 'ben' }))).toBe(true);
      expect(learner.can('give', asConsent({ subjectId: 'dee', givenById: 'ann' }))).toBe(true);
      expect(learner.can('give', asConsent({ subjectId: 'ann', givenById: 'ben' }))).toBe(false);
    });

    it('keeps export and erasure to the person themselves, never a child session, never an administrator on someone else', () => {
      for (const action of ['export', 'erase'] as const) {
        expect(learner.can(action, asUser({ id: 'ann' }))).toBe(true);
        expect(admin.can(action, asUser({ id: 'ann' }))).toBe(false);
        expect(childSession.can(action, asUser({ id: 'dee' }))).toBe(false);
      }
      // A child session reads its own profile; its guardian edits it.
      expect(childSession.can('read', asUser({ id: 'dee' }))).toBe(true);
      expect(childSession.can('update', asUser({ id: 'dee' }))).toBe(false);
    });

    it('gives a child session of an administrator guardian no administration at all', () => {
      const adminsChild = defineAbilityFor({ id: 'kid', displayName: 'kid', roles: ['learner', 'admin'], isChild: true, actingGuardianId: 'cat' });
      for (const action of ['grantRole', 'list', 'disable', 'confirmStaff'] as const) expect(adminsChild.can(action, 'User')).toBe(false);
      expect(adminsChild.can('read', 'AuditLog')).toBe(false);
    });
  });
});
