import { CourseEntity, CourseInstructorEntity, UserEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource } from 'typeorm';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { loadCourseFor } from './course-access';
import type { CourseInstructorListDto, InvitationListDto } from './course-instructors.dto';
import { CoursesException } from './courses.exception';

/**
 * Co-instructors: the owner (or an administrator) invites an instructor by email; the invitation
 * grants nothing until accepted (CASL's `coTeacherIds` holds accepted ones only).
 */
@Injectable()
export class CourseInstructorsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(ability: AppAbility, courseId: string): Promise<CourseInstructorListDto> {
    const { course } = await loadCourseFor(this.db.manager, ability, 'update', courseId);
    return this.listOf(course);
  }

  /**
   * The answer for an unknown email and for an account without the instructor role is the same
   * 422 INSTRUCTOR_NOT_FOUND: it must not tell who has an account. Inviting again changes nothing.
   */
  async invite(ability: AppAbility, user: AuthUser, courseId: string, email: string): Promise<CourseInstructorListDto> {
    const { course } = await loadCourseFor(this.db.manager, ability, 'manageInstructors', courseId);
    const [invitee] = await this.db.query(
      `SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'instructor'
       WHERE u.email = $1 AND u.disabled_at IS NULL`,
      [email],
    );
    if (!invitee) throw new CoursesException('INSTRUCTOR_NOT_FOUND');
    if (invitee.id !== course.ownerId) {
      await this.db
        .createQueryBuilder()
        .insert()
        .into(CourseInstructorEntity)
        .values({ courseId, userId: invitee.id, invitedById: user.id })
        .orIgnore()
        .execute();
    }
    return this.listOf(course);
  }

  /** The owner or an administrator removes anyone; a co-instructor may step down. */
  async remove(ability: AppAbility, user: AuthUser, courseId: string, userId: string): Promise<void> {
    await loadCourseFor(this.db.manager, ability, userId === user.id ? 'update' : 'manageInstructors', courseId);
    const result = await this.db.getRepository(CourseInstructorEntity).delete({ courseId, userId });
    if (!result.affected) throw new CoursesException('INVITATION_NOT_FOUND');
  }

  async myInvitations(user: AuthUser): Promise<InvitationListDto> {
    const rows: { course_id: string; title: CourseEntity['title']; invited_at: Date; inviter: string | null }[] = await this.db.query(
      `SELECT ci.course_id, c.title, ci.invited_at, u.display_name AS inviter
       FROM course_instructor ci JOIN course c ON c.id = ci.course_id LEFT JOIN app_user u ON u.id = ci.invited_by_id
       WHERE ci.user_id = $1 AND ci.accepted_at IS NULL ORDER BY ci.invited_at DESC`,
      [user.id],
    );
    return { items: rows.map((r) => ({ courseId: r.course_id, courseTitle: r.title, invitedBy: r.inviter, invitedAt: new Date(r.invited_at).toISOString() })) };
  }

  async accept(user: AuthUser, courseId: string): Promise<void> {
    const result = await this.db.getRepository(CourseInstructorEntity).update({ courseId, userId: user.id, acceptedAt: IsNull() }, { acceptedAt: new Date() });
    if (!result.affected) throw new CoursesException('INVITATION_NOT_FOUND');
  }

  async decline(user: AuthUser, courseId: string): Promise<void> {
    const result = await this.db.getRepository(CourseInstructorEntity).delete({ courseId, userId: user.id, acceptedAt: IsNull() });
    if (!result.affected) throw new CoursesException('INVITATION_NOT_FOUND');
  }

  private async listOf(course: CourseEntity): Promise<CourseInstructorListDto> {
    const owner = course.ownerId ? await this.db.manager.findOne(UserEntity, { where: { id: course.ownerId }, select: { id: true, displayName: true } }) : null;
    const rows: { user_id: string; display_name: string; accepted_at: Date | null; invited_at: Date }[] = await this.db.query(
      `SELECT ci.user_id, u.display_name, ci.accepted_at, ci.invited_at FROM course_instructor ci JOIN app_user u ON u.id = ci.user_id
       WHERE ci.course_id = $1 ORDER BY ci.invited_at, ci.user_id`,
      [course.id],
    );
    return {
      items: [
        ...(owner ? [{ userId: owner.id, displayName: owner.displayName, role: 'owner' as const, accepted: true, invitedAt: null }] : []),
        ...rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, role: 'co_instructor' as const, accepted: r.accepted_at !== null, invitedAt: new Date(r.invited_at).toISOString() })),
      ],
    };
  }
}
