import type { LessonContent, LessonContentByType, LessonType } from '@baanrian/contracts';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
  validateSync,
} from 'class-validator';
import type { EntityManager } from 'typeorm';
import { type FieldViolation, ValidationException } from '../problem/domain.exception';
import { flatten } from '../problem/validation.pipe';
import { cleanMarkdown } from './markdown.renderer';

// Only web links: no javascript:, data:, file: or protocol-relative URLs anywhere a learner clicks.
const WEB_URL = { protocols: ['http', 'https'], require_protocol: true, require_valid_protocol: true };

class TextContent {
  @IsString() @MaxLength(100_000) body: string;
}

class CaptionTrackInput {
  @IsString() @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/) language: string;
  @IsString() @IsNotEmpty() @MaxLength(60) label: string;
  @IsUUID() mediaId: string;
}

class VideoContent {
  @IsIn(['upload', 'url']) source: 'upload' | 'url';
  @ValidateIf((o: VideoContent) => o.source === 'upload') @IsUUID() mediaId?: string;
  @ValidateIf((o: VideoContent) => o.source === 'url') @IsUrl(WEB_URL) @MaxLength(2000) url?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => CaptionTrackInput) captions?: CaptionTrackInput[];
  @IsOptional() @IsString() @MaxLength(200_000) transcript?: string | null;
}

class FileContent {
  @IsUUID() mediaId: string;
  @IsOptional() @IsString() @MaxLength(2000) description?: string | null;
}

class LinkContent {
  @IsUrl(WEB_URL) @MaxLength(2000) url: string;
  @IsOptional() @IsString() @MaxLength(2000) description?: string | null;
}

class LiveSessionContent {
  @IsUrl(WEB_URL) @MaxLength(2000) meetingUrl: string;
  @IsDateString({ strict: true }) startsAt: string;
  @IsDateString({ strict: true }) endsAt: string;
}

class OnsiteSessionContent {
  @IsString() @IsNotEmpty() @MaxLength(200) venue: string;
  @IsString() @IsNotEmpty() @MaxLength(500) address: string;
  @IsOptional() @IsUrl(WEB_URL) @MaxLength(2000) mapUrl?: string | null;
  @IsDateString({ strict: true }) startsAt: string;
  @IsDateString({ strict: true }) endsAt: string;
  @IsOptional() @IsInt() @Min(1) @Max(100_000) capacity?: number | null;
}

class QuizContent {
  @IsOptional() @IsUUID() quizId?: string | null;
}

const CONTENT_CLASS: Record<LessonType, new () => object> = {
  text: TextContent,
  video: VideoContent,
  file: FileContent,
  link: LinkContent,
  live_session: LiveSessionContent,
  onsite_session: OnsiteSessionContent,
  quiz: QuizContent,
};

const optionalText = (value: string | null | undefined): string | null => (value == null ? null : cleanMarkdown(value) || null);

/** Stored content for each type: text cleaned, absent optional fields as null, nothing else kept. */
const NORMALISE: { [T in LessonType]: (input: never) => LessonContentByType[T] } = {
  text: (c: TextContent) => ({ body: cleanMarkdown(c.body) }),
  video: (c: VideoContent) => {
    const captions = (c.captions ?? []).map((t) => ({ language: t.language, label: cleanMarkdown(t.label), mediaId: t.mediaId }));
    const transcript = optionalText(c.transcript);
    return c.source === 'upload'
      ? { source: 'upload', mediaId: c.mediaId as string, captions, transcript }
      : { source: 'url', url: c.url as string, captions, transcript };
  },
  file: (c: FileContent) => ({ mediaId: c.mediaId, description: optionalText(c.description) }),
  link: (c: LinkContent) => ({ url: c.url, description: optionalText(c.description) }),
  live_session: (c: LiveSessionContent) => ({ meetingUrl: c.meetingUrl, startsAt: iso(c.startsAt), endsAt: iso(c.endsAt) }),
  onsite_session: (c: OnsiteSessionContent) => ({
    venue: cleanMarkdown(c.venue),
    address: cleanMarkdown(c.address),
    mapUrl: c.mapUrl ?? null,
    startsAt: iso(c.startsAt),
    endsAt: iso(c.endsAt),
    capacity: c.capacity ?? null,
  }),
  quiz: (c: QuizContent) => ({ quizId: c.quizId ?? null }),
};

const iso = (value: string): string => new Date(value).toISOString();

export interface ParsedLessonContent {
  content: LessonContent;
  /** Session lessons' times, copied into the lesson row so sessions can be queried by time. */
  startsAt: Date | null;
  endsAt: Date | null;
}

/**
 * Validates a lesson's content against its type (unknown fields rejected, like every DTO) and
 * returns what is stored. Problems are 400 VALIDATION_FAILED with fields named `content.…`.
 */
export function parseLessonContent(type: LessonType, input: Record<string, unknown>): ParsedLessonContent {
  const instance = plainToInstance(CONTENT_CLASS[type], input);
  const violations: FieldViolation[] = flatten(validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }), 'content');
  const times = instance as { startsAt?: string; endsAt?: string };
  if (violations.length === 0 && (type === 'live_session' || type === 'onsite_session') && new Date(times.endsAt as string) <= new Date(times.startsAt as string)) {
    violations.push({ field: 'content.endsAt', constraint: 'endsAfterStart', fallback: 'must be after the start' });
  }
  if (type === 'video') {
    const languages = ((instance as VideoContent).captions ?? []).map((t) => t.language);
    if (new Set(languages).size !== languages.length) violations.push({ field: 'content.captions', constraint: 'arrayUnique', fallback: 'has two tracks in one language' });
  }
  if (violations.length) throw new ValidationException(violations);
  const content = (NORMALISE[type] as (input: object) => LessonContent)(instance);
  const session = type === 'live_session' || type === 'onsite_session';
  return { content, startsAt: session ? new Date(times.startsAt as string) : null, endsAt: session ? new Date(times.endsAt as string) : null };
}

/** A quiz lesson may only point at a quiz of its own course (400 on `content.quizId` otherwise). */
export async function checkLessonQuiz(manager: EntityManager, courseId: string, type: LessonType, content: LessonContent | undefined): Promise<void> {
  const quizId = type === 'quiz' ? (content as LessonContentByType['quiz'] | undefined)?.quizId : null;
  if (!quizId) return;
  const [found] = await manager.query(`SELECT 1 FROM quiz WHERE id = $1 AND course_id = $2`, [quizId, courseId]);
  if (!found) throw new ValidationException([{ field: 'content.quizId', constraint: 'quizOfCourse', fallback: 'must be a quiz of this course' }]);
}
