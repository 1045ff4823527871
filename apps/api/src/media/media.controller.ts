import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth, CurrentAbility, CurrentUser } from '../authz/auth.decorator';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { FORMATS } from './media-formats';
import { MediaAssetDto, MediaVariantQueryDto } from './media.dto';
import { MediaService } from './media.service';

const NOT_FOUND = { description: 'MEDIA_NOT_FOUND (problem+json)' };
const ID = { name: 'mediaId', format: 'uuid' };
const UPLOAD_TYPES = [...new Set(['application/octet-stream', ...Object.values(FORMATS).map((f) => f.contentType)])];

@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @Auth({ can: ['create', 'Media'] })
  @ApiOperation({
    operationId: 'uploadMedia',
    summary: 'Upload one file as the raw request body (streamed; the type is recognised from its bytes)',
    description:
      'Send the file itself as the body, with its Content-Type (or application/octet-stream) and its name in X-Filename ' +
      '(percent-encoded UTF-8). The name and type must agree with the bytes (else 415). Size limits per kind are configured ' +
      'with MEDIA_MAX_*_BYTES (413, answered as soon as the limit is passed).',
  })
  @ApiConsumes(...UPLOAD_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'X-Filename', required: false, description: 'The original file name, percent-encoded UTF-8' })
  @ApiCreatedResponse({ type: MediaAssetDto })
  @ApiPayloadTooLargeResponse({ description: 'MEDIA_TOO_LARGE (problem+json)' })
  @ApiUnsupportedMediaTypeResponse({ description: 'MEDIA_TYPE_UNSUPPORTED, MEDIA_TYPE_MISMATCH, MEDIA_CAPTIONS_NOT_UTF8, MEDIA_IMAGE_UNREADABLE (problem+json)' })
  upload(@Req() req: Request, @CurrentUser() user: AuthUser): Promise<MediaAssetDto> {
    return this.media.upload(req, user);
  }

  @Get(':mediaId')
  @Auth({ public: true })
  @ApiOperation({
    operationId: 'getMedia',
    summary: 'The file (public: ids are unguessable), with range requests and immutable caching; ?w= for a resized WebP of an image',
  })
  @ApiParam(ID)
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The bytes', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 206, description: 'The requested byte range' })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match)' })
  @ApiResponse({ status: 416, description: 'MEDIA_RANGE_NOT_SATISFIABLE (problem+json)' })
  @ApiNotFoundResponse(NOT_FOUND)
  async serve(@Param('mediaId') id: string, @Query() query: MediaVariantQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const served = await this.media.serve(id, query.w, {
      method: req.method,
      range: req.header('range'),
      ifRange: req.header('if-range'),
      ifNoneMatch: req.header('if-none-match'),
    });
    res.status(served.status).set(served.headers);
    if (!served.body) return void res.end();
    const body = served.body;
    body.once('error', () => res.destroy());
    res.once('close', () => body.destroy());
    body.pipe(res);
  }

  @Get(':mediaId/meta')
  @Auth({ can: ['read', 'Media'] })
  @ApiOperation({ operationId: 'getMediaMeta', summary: "A file's details (its uploader or an administrator)" })
  @ApiParam(ID)
  @ApiOkResponse({ type: MediaAssetDto })
  @ApiNotFoundResponse(NOT_FOUND)
  meta(@Param('mediaId') id: string, @CurrentAbility() ability: AppAbility): Promise<MediaAssetDto> {
    return this.media.meta(ability, id);
  }

  @Delete(':mediaId')
  @HttpCode(204)
  @Auth({ can: ['delete', 'Media'] })
  @ApiOperation({ operationId: 'deleteMedia', summary: 'Delete a file (its uploader or an administrator); courses still pointing at it show it as missing' })
  @ApiParam(ID)
  @ApiNoContentResponse()
  @ApiNotFoundResponse(NOT_FOUND)
  async remove(@Param('mediaId') id: string, @CurrentAbility() ability: AppAbility): Promise<void> {
    await this.media.remove(ability, id);
  }
}
