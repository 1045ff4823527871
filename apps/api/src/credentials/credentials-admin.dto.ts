import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CREDENTIAL_ADMIN_PAGE_SIZE, LOCALES, type Locale } from '@baanrian/contracts';
import { CREDENTIAL_KINDS, type CredentialKind } from './credentials.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LocalizedNameDto {
  @ApiProperty({ example: 'ผู้เรียนดีเด่น' }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) th: string;
  @ApiPropertyOptional({ example: 'Outstanding learner' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(200) en?: string;
  @ApiPropertyOptional({ example: 'Học viên xuất sắc' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(200) vi?: string;
}

export class TemplateSignatoryDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(1) @MaxLength(120) name: string;
  @ApiProperty({ example: 'ผู้อำนวยการ' }) @Transform(trim) @IsString() @MaxLength(160) title: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'An uploaded image (PNG/JPEG) of the signature' })
  @IsOptional()
  @IsUUID()
  signatureMediaId?: string | null;
}

/** What a certificate looks like; images are uploaded media, referenced by id. */
export class TemplateContentDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) organisationName: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(200) heading?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(1000) bodyText?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsUUID() logoMediaId?: string | null;
  @ApiProperty({ type: [TemplateSignatoryDto], maxItems: 3 }) @ValidateNested({ each: true }) @Type(() => TemplateSignatoryDto) @ArrayMaxSize(3) signatories: TemplateSignatoryDto[];
  @ApiPropertyOptional({ example: '#1b4d89' }) @IsOptional() @Matches(/^#[0-9a-fA-F]{6}$/) accentColor?: string;
}

export class CreateTemplateDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(1) @MaxLength(120) name: string;
  @ApiPropertyOptional({ description: 'Use it for new certificates from now on' }) @IsOptional() @IsBoolean() isDefault?: boolean;
  @ApiProperty({ type: TemplateContentDto }) @ValidateNested() @Type(() => TemplateContentDto) content: TemplateContentDto;
}

export class UpdateTemplateDto extends PartialType(CreateTemplateDto) {}

export class TemplateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() isDefault: boolean;
  @ApiProperty({ description: 'Goes up by one on each change of the content' }) version: number;
  @ApiProperty({ type: TemplateContentDto }) content: TemplateContentDto;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TemplatePreviewDto {
  @ApiProperty({ type: TemplateContentDto }) @ValidateNested() @Type(() => TemplateContentDto) content: TemplateContentDto;
  @ApiPropertyOptional({ enum: LOCALES, default: 'th' }) @IsOptional() @IsIn(LOCALES) locale?: Locale;
}

export class ReissueResultDto {
  @ApiProperty({ format: 'uuid' }) templateId: string;
  @ApiProperty({ description: 'The template version the certificates are rendered again with' }) templateVersion: number;
}

export class IssuerProfileDto {
  @ApiProperty({ type: LocalizedNameDto, description: 'The Thai name is what credentials carry' }) name: LocalizedNameDto;
  @ApiProperty({ example: 'https://learn.example.org' }) url: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) imageMediaId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
}

export class UpdateIssuerProfileDto {
  @ApiProperty({ type: LocalizedNameDto }) @ValidateNested() @Type(() => LocalizedNameDto) name: LocalizedNameDto;
  @ApiProperty() @Transform(trim) @Matches(/^https?:\/\/\S+$/, { message: 'isUrl' }) @MaxLength(300) url: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Transform(trim) @Matches(/^[^\s@]+@[^\s@]+$/) @MaxLength(200) email?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsUUID() imageMediaId?: string | null;
}

export const CREDENTIAL_LIST_STATUSES = ['active', 'revoked'] as const;

export class ListCredentialsQueryDto {
  @ApiPropertyOptional({ description: 'Part of the learner name, achievement name, verification code or serial' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ enum: CREDENTIAL_LIST_STATUSES }) @IsOptional() @IsIn(CREDENTIAL_LIST_STATUSES) status?: (typeof CREDENTIAL_LIST_STATUSES)[number];
  @ApiPropertyOptional({ default: CREDENTIAL_ADMIN_PAGE_SIZE, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class AdminCredentialDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: CREDENTIAL_KINDS }) kind: CredentialKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null once the account was erased' }) userId: string | null;
  @ApiProperty() learnerName: string;
  @ApiProperty() achievementName: string;
  @ApiProperty() hours: number;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: String, nullable: true }) serial: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) revocationReason: string | null;
}

export class CredentialListDto {
  @ApiProperty({ type: [AdminCredentialDto] }) items: AdminCredentialDto[];
  @ApiProperty() total: number;
}

/** What one nightly reconciliation found missing (eligible minus issued) and fixed. */
export class ReconcileRunDto {
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time' }) finishedAt: string;
  @ApiProperty({ description: 'Completed enrolments that had no credential: issued by this run' }) issued: number;
  @ApiProperty({ description: 'Credentials without a rendered current PDF: rendered by this run' }) rendered: number;
  @ApiProperty({ description: 'Credentials whose mail had not gone out: mailed by this run' }) mailed: number;
  @ApiProperty({ type: [String], description: 'The enrolments issued (at most 100)' }) enrollmentIds: string[];
}

export class ReconciliationDto {
  @ApiProperty({ type: ReconcileRunDto, nullable: true, description: 'The latest run; null before the first one' }) lastRun: ReconcileRunDto | null;
}

export class RevokeCredentialDto {
  @ApiProperty({ description: 'Kept with the record (not shown publicly)' }) @Transform(trim) @IsString() @MinLength(3) @MaxLength(500) reason: string;
}

export class IssuerKeyDto {
  @ApiProperty() kid: string;
  @ApiProperty({ example: 'did:web:learn.example.org#key-1' }) verificationMethod: string;
  @ApiProperty({ enum: ['active', 'retired'] }) status: 'active' | 'retired';
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) retiredAt: string | null;
}

export class CreateTitleRuleDto {
  @ApiProperty({ example: 2569, description: 'Thai fiscal year (Buddhist Era)' }) @IsInt() @Min(2500) @Max(2700) fiscalYear: number;
  @ApiProperty({ type: LocalizedNameDto }) @ValidateNested() @Type(() => LocalizedNameDto) name: LocalizedNameDto;
  @ApiProperty() @IsInt() @Min(0) @Max(1000) minCompletedCourses: number;
  @ApiProperty() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100000) minHours: number;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
}

export class UpdateTitleRuleDto extends PartialType(CreateTitleRuleDto) {}

export class TitleRuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ type: LocalizedNameDto }) name: LocalizedNameDto;
  @ApiProperty() minCompletedCourses: number;
  @ApiProperty() minHours: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AwardRequestedDto {
  @ApiProperty({ format: 'uuid' }) ruleId: string;
  @ApiProperty({ description: 'The worker awards the title to everyone who meets the rule and has none yet' }) queued: boolean;
}
