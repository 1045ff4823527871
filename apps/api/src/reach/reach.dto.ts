import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';

export const REACH_PAGES = ['catalog', 'course'] as const;
export type ReachPage = (typeof REACH_PAGES)[number];

/** Longest utm_* value kept; the portal cuts longer ones before sending. */
export const UTM_MAX_LENGTH = 100;
/** The portal sends origin + path only; anything longer is not a referrer we want. */
export const REFERRER_MAX_LENGTH = 1000;

/**
 * One page view of the catalog or a course page (the portal's beacon). Only the classified source
 * and the utm_* values are kept; the referrer itself is never stored.
 */
export class RecordVisitDto {
  @ApiProperty({ enum: REACH_PAGES }) @IsIn(REACH_PAGES) page: ReachPage;

  @ApiPropertyOptional({ description: 'Required for page "course"; ignored for "catalog". An unknown slug is ignored (still 204).', maxLength: 200 })
  @ValidateIf((visit: RecordVisitDto) => visit.page === 'course')
  @IsString()
  @Length(1, 200)
  courseSlug?: string;

  @ApiPropertyOptional({ description: 'document.referrer, origin and path only', maxLength: REFERRER_MAX_LENGTH })
  @IsOptional() @IsString() @MaxLength(REFERRER_MAX_LENGTH)
  referrer?: string;

  @ApiPropertyOptional({ maxLength: UTM_MAX_LENGTH }) @IsOptional() @IsString() @MaxLength(UTM_MAX_LENGTH) utmSource?: string;
  @ApiPropertyOptional({ maxLength: UTM_MAX_LENGTH }) @IsOptional() @IsString() @MaxLength(UTM_MAX_LENGTH) utmMedium?: string;
  @ApiPropertyOptional({ maxLength: UTM_MAX_LENGTH }) @IsOptional() @IsString() @MaxLength(UTM_MAX_LENGTH) utmCampaign?: string;
}
