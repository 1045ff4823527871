import { Body, Controller, Get, Header, Headers, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth, CurrentUser } from '../authz/auth.decorator';
import type { AuthUser } from '../authz/authz.types';
import { AttemptAnswersService } from './attempt-answers.service';
import { AttemptResultsService } from './attempt-results.service';
import {
  AttemptDto,
  AttemptIdParamsDto,
  AttemptResultDto,
  LearnerQuizDto,
  QuizIdParamsDto,
  SavedResponsesDto,
  SaveResponsesDto,
  SubmitAttemptDto,
  SubmittedAttemptDto,
} from './attempt.dto';
import { AttemptsClock } from './attempts.clock';
import { AttemptsService } from './attempts.service';

const NOT_ENROLLED = { description: 'ATTEMPT_NOT_ENROLLED: no seat in the quiz\'s course, or no such quiz (the same answer, so ids reveal nothing) (problem+json)' };
const ATTEMPT_NOT_FOUND = { description: 'ATTEMPT_NOT_FOUND: unknown, or another learner\'s (problem+json)' };

/** The learner taking a quiz: overview, start/resume, autosave, submit, result. */
@ApiTags('quiz attempts')
@Controller('learning')
@Auth()
export class AttemptsController {
  constructor(
    private readonly attempts: AttemptsService,
    private readonly answers: AttemptAnswersService,
    private readonly results: AttemptResultsService,
    private readonly clock: AttemptsClock,
  ) {}

  @Get('quizzes/:quizId')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ operationId: 'getLearnerQuiz', summary: 'A quiz as its learner sees it: settings, attempts used, results when the policy allows' })
  @ApiOkResponse({ type: LearnerQuizDto })
  @ApiForbiddenResponse(NOT_ENROLLED)
  overview(@Param() params: QuizIdParamsDto, @CurrentUser() user: AuthUser): Promise<LearnerQuizDto> {
    return this.attempts.overview(user, params.quizId, this.clock.now());
  }

  @Post('quizzes/:quizId/attempts')
  @ApiOperation({ operationId: 'startQuizAttempt', summary: 'Start an attempt; the open attempt is resumed instead (200)' })
  @ApiCreatedResponse({ type: AttemptDto, description: 'A new attempt' })
  @ApiOkResponse({ type: AttemptDto, description: 'The open attempt, resumed' })
  @ApiForbiddenResponse(NOT_ENROLLED)
  @ApiConflictResponse({ description: 'ATTEMPT_LIMIT_REACHED, ATTEMPT_QUIZ_EMPTY, PROGRESS_LESSON_LOCKED (a sequential course, an earlier required lesson is not done; `blockedBy`) (problem+json)' })
  async start(@Param() params: QuizIdParamsDto, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<AttemptDto> {
    const { attempt, created } = await this.attempts.start(user, params.quizId, this.clock.now());
    res.status(created ? 201 : 200);
    return attempt;
  }

  @Get('attempts/:attemptId')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ operationId: 'getQuizAttempt', summary: 'One of the caller\'s attempts: delivered questions (learner view) and saved responses' })
  @ApiOkResponse({ type: AttemptDto })
  @ApiNotFoundResponse(ATTEMPT_NOT_FOUND)
  get(@Param() params: AttemptIdParamsDto, @CurrentUser() user: AuthUser): Promise<AttemptDto> {
    return this.attempts.get(user, params.attemptId, this.clock.now());
  }

  @Patch('attempts/:attemptId/responses')
  @ApiOperation({ operationId: 'saveQuizResponses', summary: 'Autosave: merge these responses into the attempt (a late save with a lower revision changes nothing)' })
  @ApiOkResponse({ type: SavedResponsesDto })
  @ApiNotFoundResponse(ATTEMPT_NOT_FOUND)
  @ApiConflictResponse({ description: 'ATTEMPT_TIME_OVER (the attempt was closed with what was saved), ATTEMPT_ALREADY_SUBMITTED (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'ATTEMPT_RESPONSE_INVALID with `issues: [{ questionId, problems }]` (problem+json)' })
  save(@Param() params: AttemptIdParamsDto, @Body() dto: SaveResponsesDto, @CurrentUser() user: AuthUser): Promise<SavedResponsesDto> {
    return this.answers.save(user, params.attemptId, dto.responses, dto.revision, this.clock.now());
  }

  @Post('attempts/:attemptId/submit')
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key again answers the same 202 (a retried submit)' })
  @ApiOperation({ operationId: 'submitQuizAttempt', summary: 'Hand the attempt in for grading; the result follows from the grading worker' })
  @ApiAcceptedResponse({ type: SubmittedAttemptDto })
  @ApiNotFoundResponse(ATTEMPT_NOT_FOUND)
  @ApiConflictResponse({ description: 'ATTEMPT_TIME_OVER (closed with what was saved, still graded), ATTEMPT_ALREADY_SUBMITTED (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'ATTEMPT_RESPONSE_INVALID (problem+json)' })
  submit(
    @Param() params: AttemptIdParamsDto,
    @Body() dto: SubmitAttemptDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: AuthUser,
  ): Promise<SubmittedAttemptDto> {
    return this.answers.submit(user, params.attemptId, key, dto.responses, this.clock.now());
  }

  @Get('attempts/:attemptId/result')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ operationId: 'getQuizAttemptResult', summary: '"grading" until the worker has graded it; score and review only when the results policy allows' })
  @ApiOkResponse({ type: AttemptResultDto })
  @ApiNotFoundResponse(ATTEMPT_NOT_FOUND)
  @ApiConflictResponse({ description: 'ATTEMPT_NOT_SUBMITTED (problem+json)' })
  result(@Param() params: AttemptIdParamsDto, @CurrentUser() user: AuthUser): Promise<AttemptResultDto> {
    return this.results.result(user, params.attemptId, this.clock.now());
  }

  @Get('attempts/:attemptId/events')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    operationId: 'streamQuizAttemptResult',
    summary: 'Server-sent events: `grading` now, then one `result` event (an AttemptResultDto) when graded, then the stream ends',
  })
  @ApiOkResponse({ description: 'text/event-stream', schema: { type: 'string' } })
  @ApiNotFoundResponse(ATTEMPT_NOT_FOUND)
  async events(@Param() params: AttemptIdParamsDto, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.results.assertOwn(user, params.attemptId);
    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    res.write(`event: grading\ndata: {"status":"grading"}\n\n`);
    const abort = new AbortController();
    req.on('close', () => abort.abort());
    const result = await this.results.waitForResult(user, params.attemptId, () => this.clock.now(), abort.signal);
    if (result) res.write(`event: result\ndata: ${JSON.stringify(result)}\n\n`);
    res.end();
  }
}
