import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { LocalizedTextOutDto, SLUG_PATTERN } from './studio-course.dto';

export class CategoryNameInputDto {
  @ApiProperty({ maxLength: 100 }) @IsString() @IsNotEmpty() @MaxLength(100) th: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) en?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) vi?: string;
}

export class CreateCategoryDto {
  @ApiProperty({ pattern: SLUG_PATTERN.source, maxLength: 60 }) @IsString() @MaxLength(60) @Matches(SLUG_PATTERN) slug: string;
  @ApiProperty({ type: CategoryNameInputDto }) @ValidateNested() @Type(() => CategoryNameInputDto) name: CategoryNameInputDto;
  @ApiPropertyOptional({ minimum: 0, maximum: 10000 }) @IsOptional() @IsInt() @Min(0) @Max(10000) position?: number;
}

export class UpdateCategoryDto {
  @ApiPropertyOptional({ pattern: SLUG_PATTERN.source, maxLength: 60 }) @IsOptional() @IsString() @MaxLength(60) @Matches(SLUG_PATTERN) slug?: string;
  @ApiPropertyOptional({ type: CategoryNameInputDto }) @IsOptional() @ValidateNested() @Type(() => CategoryNameInputDto) name?: CategoryNameInputDto;
  @ApiPropertyOptional({ minimum: 0, maximum: 10000 }) @IsOptional() @IsInt() @Min(0) @Max(10000) position?: number;
}

export class CategoryIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() categoryId: string;
}

export class CategoryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty({ type: LocalizedTextOutDto }) name: LocalizedTextOutDto;
  @ApiProperty() position: number;
}

export class CategoryListDto {
  @ApiProperty({ type: [CategoryDto] }) items: CategoryDto[];
}
