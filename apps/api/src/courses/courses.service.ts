import { CourseEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { CourseListDto, CourseSummaryDto, ListCoursesQueryDto } from './course.dto';

@Injectable()
export class CoursesService {
  constructor(@InjectRepository(CourseEntity) private readonly courses: Repository<CourseEntity>) {}

  /** The public catalog: published courses only, newest first. */
  async listPublished(query: ListCoursesQueryDto): Promise<CourseListDto> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const qb = this.courses
      .createQueryBuilder('course')
      .where('course.status = :status', { status: 'published' })
      .orderBy('course.published_at', 'DESC')
      .addOrderBy('course.slug', 'ASC')
      .take(limit)
      .skip(offset);
    if (query.targetGroup) qb.andWhere(':group = ANY(course.target_groups)', { group: query.targetGroup });
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toSummary), total, limit, offset };
  }
}

function toSummary(course: CourseEntity): CourseSummaryDto {
  return {
    id: course.id,
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    language: course.language,
    targetGroups: course.targetGroups,
    format: course.format,
    publishedAt: course.publishedAt?.toISOString() ?? null,
  };
}
