import { COURSE_FORMATS, type CourseFormat, TARGET_GROUPS, type TargetGroup } from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export class LocalizedTextDto {
  @ApiProperty({ example: 'การทำอาหารพื้นเมืองล้านนา' }) th: string;
  @ApiPropertyOptional({ example: 'Lanna home cooking' }) en?: string;
  @ApiPropertyOptional({ example: 'Nấu ăn truyền thống Lanna' }) vi?: string;
}

export class ListCoursesQueryDto {
  @ApiPropertyOptional({ enum: TARGET_GROUPS, enumName: 'TargetGroup', description: 'Only courses for this target group' })
  @IsOptional()
  @IsIn(TARGET_GROUPS)
  targetGroup?: TargetGroup;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class CourseSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'lanna-cooking' }) slug: string;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedTextDto;
  @ApiProperty({ type: LocalizedTextDto }) summary: LocalizedTextDto;
  @ApiProperty({ example: 'th', description: 'The language the course is taught in' }) language: string;
  @ApiProperty({ enum: TARGET_GROUPS, enumName: 'TargetGroup', isArray: true }) targetGroups: TargetGroup[];
  @ApiProperty({ enum: COURSE_FORMATS, enumName: 'CourseFormat' }) format: CourseFormat;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
}

export class CourseListDto {
  @ApiProperty({ type: [CourseSummaryDto] }) items: CourseSummaryDto[];
  @ApiProperty({ description: 'Number of matching courses, for pagination' }) total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
