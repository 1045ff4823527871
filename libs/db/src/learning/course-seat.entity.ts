import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { CourseEntity } from '../courses/course.entity';

/**
 * Seats of a published course. Enrolling takes a seat with one conditional
 * `UPDATE … SET taken = taken + 1 WHERE capacity IS NULL OR taken < capacity`, which PostgreSQL
 * serialises on this row: 200 concurrent requests for 50 seats give exactly 50. Kept apart from
 * `course` so enrolments never touch the draft (or its revision counter).
 */
@Entity('course_seat')
export class CourseSeatEntity {
  @PrimaryColumn({ name: 'course_id', type: 'uuid', primaryKeyConstraintName: 'PK_course_seat' })
  courseId: string;

  /** From the published version; null means unlimited. */
  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  /** Enrolments holding a seat (active or completed). */
  @Column({ type: 'int', default: 0 })
  taken: number;

  @Column({ type: 'int', default: 0 })
  waitlisted: number;

  @OneToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_course_seat_course' })
  course?: CourseEntity;
}
