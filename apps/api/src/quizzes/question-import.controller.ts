import { Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnprocessableEntityResponse, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth, CurrentAbility, CurrentUser } from '../authz/auth.decorator';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { CourseIdParamsDto } from '../courses/studio-course.dto';
import { QuestionExportQueryDto, QuestionImportPreviewDto, QuestionImportQueryDto, QuestionImportResultDto } from './question-import.dto';
import { QuestionImportService } from './question-import.service';
import { sanitizeFileName } from '../media/media-names';
import { closing, readBodyWithin } from '../security/request-body.reader';
import { QuizzesException } from './quizzes.exception';

const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

const TEXT_EXTENSIONS = ['txt', 'gift', 'aiken'];

/**
 * The file as UTF-8 text, whatever its Content-Type says; refused past 2 MB without reading it all.
 * A name (X-Filename) saying another type (`photo.png`) or bytes that are not UTF-8 (images,
 * executables, compressed bodies: Content-Encoding is not inflated here) are 415: such a file is
 * never parsed into questions. Control characters in real text are the parser's to report.
 */
async function readText(req: Request): Promise<string> {
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(sanitizeFileName(req.header('x-filename'), ''))?.[1].toLowerCase();
  if (extension && !TEXT_EXTENSIONS.includes(extension)) throw closing(req, new QuizzesException('QUIZ_IMPORT_NOT_TEXT'));
  const bytes = await readBodyWithin(req, MAX_IMPORT_BYTES, () => new QuizzesException('QUIZ_IMPORT_TOO_LARGE', {}, { limit: MAX_IMPORT_BYTES / 1024 }));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new QuizzesException('QUIZ_IMPORT_NOT_TEXT');
  }
}

/** Moodle GIFT and Aiken in, GIFT out. */
@ApiTags('quiz-studio')
@Controller('studio')
@Auth({ can: ['update', 'Course'] })
export class QuestionImportController {
  constructor(private readonly imports: QuestionImportService) {}

  @Post('courses/:courseId/question-imports')
  @ApiConsumes('text/plain')
  @ApiBody({ schema: { type: 'string' }, description: 'The file, UTF-8 (a byte order mark is fine)' })
  @ApiOperation({
    operationId: 'importQuestions',
    summary: 'Preview an import (every problem by line and column, nothing saved); with confirm=true save the good questions, all or nothing',
  })
  @ApiOkResponse({ type: QuestionImportPreviewDto, description: 'Preview (confirm absent or false)' })
  @ApiCreatedResponse({ type: QuestionImportResultDto, description: 'Imported (confirm=true)' })
  @ApiUnprocessableEntityResponse({ description: 'QUIZ_IMPORT_EMPTY with `issues` (problem+json)' })
  @ApiUnsupportedMediaTypeResponse({ description: 'QUIZ_IMPORT_NOT_TEXT: not UTF-8, or named as another type (problem+json)' })
  async import(
    @Param() params: CourseIdParamsDto,
    @Query() query: QuestionImportQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<QuestionImportPreviewDto | QuestionImportResultDto> {
    const text = await readText(req);
    if (!query.confirm) {
      res.status(200);
      return this.imports.preview(ability, params.courseId, query.format ?? 'gift', text);
    }
    return this.imports.confirm(ability, user, params.courseId, query.format ?? 'gift', text);
  }

  @Get('courses/:courseId/questions.gift')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="questions.gift.txt"')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('text/plain')
  @ApiOperation({ operationId: 'exportQuestionsGift', summary: 'The bank (or a category) as GIFT; X-Skipped-Questions counts questions GIFT cannot hold (ordering)' })
  @ApiOkResponse({ description: 'text/plain GIFT', schema: { type: 'string' } })
  async exportGift(@Param() params: CourseIdParamsDto, @Query() query: QuestionExportQueryDto, @Res({ passthrough: true }) res: Response, @CurrentAbility() ability: AppAbility): Promise<string> {
    const result = await this.imports.exportGift(ability, params.courseId, query.categoryId);
    res.setHeader('X-Skipped-Questions', String(result.skipped));
    return result.text;
  }
}
