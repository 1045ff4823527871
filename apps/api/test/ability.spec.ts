import { asCourse, asUser, defineAbilityFor } from '../src/authz/ability.factory';
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

  it('refuses with 403 FORBIDDEN through the one check', () => {
    expect(() => ensureCan(learner, 'grantRole', asUser({ id: 'ann' }))).toThrow(expect.objectContaining({ code: 'FORBIDDEN', status: 403 }));
    expect(() => ensureCan(admin, 'grantRole', asUser({ id: 'ann' }))).not.toThrow();
  });
});
