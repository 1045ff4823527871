import {
  ATTEMPT_CLOSE_REASONS,
  ATTEMPT_STATUSES,
  type AttemptCloseReason,
  type AttemptStatus,
  QUESTION_MEDIA_KINDS,
  QUESTION_TYPES,
  type QuestionMediaKind,
  type QuestionResponse,
  type QuestionType,
  RESULTS_POLICIES,
  type ResultsPolicy,
  TEXT_FORMATS,
  type TextFormat,
} from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsUUID, Max, Min } from 'class-validator';

/*
 * Learner-facing shapes. Only the keys of LEARNER_VIEW_KEYS appear in questions; correctness,
 * weights, accepted answers and feedback exist only in AttemptReviewItemDto, which is sent when
 * the quiz's results policy allows (a test walks these schemas and real payloads).
 */

export class QuizIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() quizId: string;
}

export class AttemptIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() attemptId: string;
}

export class LearnerRichTextDto {
  @ApiProperty() text: string;
  @ApiProperty({ enum: TEXT_FORMATS }) format: TextFormat;
}

export class LearnerMediaDto {
  @ApiProperty({ enum: QUESTION_MEDIA_KINDS }) kind: QuestionMediaKind;
  @ApiProperty({ format: 'uuid' }) mediaId: string;
  @ApiPropertyOptional({ description: 'Alt text of an image, transcript of an audio' }) alt?: string;
}

export class LearnerChoiceDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: LearnerRichTextDto }) text: LearnerRichTextDto;
}

/** One question as the learner sees it: the union of the learner views, members per type. */
export class LearnerQuestionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: QUESTION_TYPES }) type: QuestionType;
  @ApiProperty({ type: LearnerRichTextDto }) stem: LearnerRichTextDto;
  @ApiPropertyOptional({ description: 'A missing-word question: the stem holds _____ where the answer goes' }) blank?: boolean;
  @ApiPropertyOptional({ type: LearnerMediaDto }) media?: LearnerMediaDto;
  @ApiProperty() points: number;
  @ApiPropertyOptional({ type: [LearnerChoiceDto], description: 'single_choice, multiple_choice: in the delivered order' }) options?: LearnerChoiceDto[];
  @ApiPropertyOptional({ type: [LearnerChoiceDto], description: 'ordering: shuffled' }) items?: LearnerChoiceDto[];
  @ApiPropertyOptional({ type: [LearnerChoiceDto], description: 'matching: the prompts' }) prompts?: LearnerChoiceDto[];
  @ApiPropertyOptional({ type: [String], description: 'matching: answers and distractors, sorted' }) choices?: string[];
}

const RESPONSES_SCHEMA = {
  type: 'object',
  additionalProperties: { type: 'object', additionalProperties: true, description: 'QuestionResponse: { type, ...fields of the type }' },
  description: 'By question id',
} as const;

export class AttemptDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) quizId: string;
  @ApiProperty({ description: '1 for the first attempt' }) number: number;
  @ApiProperty({ enum: ATTEMPT_STATUSES }) status: AttemptStatus;
  @ApiProperty({ type: String, enum: ATTEMPT_CLOSE_REASONS, nullable: true }) closeReason: AttemptCloseReason | null;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Time limit plus the learner\'s extension; null when untimed' })
  deadlineAt: string | null;
  @ApiProperty({ description: 'Saves and submits still count this many seconds after the deadline' }) graceSeconds: number;
  @ApiProperty({ format: 'date-time', description: 'The server\'s clock, so the portal\'s timer ignores a wrong device clock' }) serverNow: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: [LearnerQuestionDto], description: 'In the delivered order' }) questions: LearnerQuestionDto[];
  @ApiProperty(RESPONSES_SCHEMA) responses: Record<string, QuestionResponse>;
  @ApiProperty({ description: 'The highest save sequence number applied; the next save sends a higher one' }) responsesRevision: number;
}

export class SaveResponsesDto {
  @ApiProperty(RESPONSES_SCHEMA) @IsObject() responses: Record<string, QuestionResponse>;
  @ApiProperty({ description: 'The client\'s save sequence number: a save with a number not above the stored one arrived late and is ignored' })
  @IsInt() @Min(1) @Max(2_000_000_000) revision: number;
}

export class SavedResponsesDto {
  @ApiProperty() responsesRevision: number;
  @ApiProperty({ format: 'date-time' }) savedAt: string;
  @ApiProperty({ description: 'false: a later save was already stored, this one changed nothing' }) applied: boolean;
}

export class SubmitAttemptDto {
  @ApiPropertyOptional({ ...RESPONSES_SCHEMA, description: 'A last save, applied before submitting' })
  @IsOptional() @IsObject() responses?: Record<string, QuestionResponse>;
}

export class SubmittedAttemptDto {
  @ApiProperty({ enum: ['submitted'] }) status: 'submitted';
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
}

/** Score of one attempt; only when the results policy allows. */
export class AttemptScoreDto {
  @ApiProperty() score: number;
  @ApiProperty() maxScore: number;
  @ApiProperty() percent: number;
  @ApiProperty() passed: boolean;
}

export class LearnerAttemptSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: number;
  @ApiProperty({ enum: ATTEMPT_STATUSES }) status: AttemptStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: AttemptScoreDto, nullable: true, description: 'Null until graded and until the results policy allows' })
  result: AttemptScoreDto | null;
}

export class LearnerQuizDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Null: unlimited' }) attemptsAllowed: number | null;
  @ApiProperty() attemptsUsed: number;
  @ApiProperty({ type: Number, nullable: true }) timeLimitSeconds: number | null;
  @ApiProperty({ description: 'Extra time granted to this learner' }) extraSeconds: number;
  @ApiProperty() passingPercent: number;
  @ApiProperty({ enum: RESULTS_POLICIES }) resultsPolicy: ResultsPolicy;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
  @ApiProperty() questionCount: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) openAttemptId: string | null;
  @ApiProperty({ type: [LearnerAttemptSummaryDto] }) attempts: LearnerAttemptSummaryDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'Per the grading method; null until shown' }) resultPercent: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) passed: boolean | null;
}

/** Review of one question: sent only when the results policy allows. */
export class AttemptReviewItemDto {
  @ApiProperty({ type: LearnerQuestionDto }) question: LearnerQuestionDto;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) response: QuestionResponse | null;
  @ApiProperty() score: number;
  @ApiProperty() maxScore: number;
  @ApiProperty({ oneOf: [{ type: 'boolean' }, { type: 'string', enum: ['partial'] }] }) correct: boolean | 'partial';
  @ApiProperty({ type: [String], description: 'Ids of the options/answers that decided the score' }) matchedIds: string[];
  @ApiProperty({ type: [LearnerRichTextDto], description: 'Feedback of the matched answers, then the general feedback' }) feedback: LearnerRichTextDto[];
}

export class AttemptResultDto {
  @ApiProperty({ enum: ['grading', 'graded'] }) status: 'grading' | 'graded';
  @ApiProperty({ description: 'false: graded, but the results policy does not show it (yet)' }) released: boolean;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When it will be shown (after the due date)' })
  releasedAt?: string | null;
  @ApiPropertyOptional() score?: number;
  @ApiPropertyOptional() maxScore?: number;
  @ApiPropertyOptional() percent?: number;
  @ApiPropertyOptional() passed?: boolean;
  @ApiPropertyOptional({ type: [AttemptReviewItemDto] }) review?: AttemptReviewItemDto[];
}
