import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth } from '../authz/auth.decorator';
import { CatalogCoursePageDto, CatalogListDto, ListCatalogQueryDto } from './catalog.dto';
import { CatalogResponseCache, PUBLIC_CACHE } from './catalog-response.cache';
import { CatalogService } from './catalog.service';

/*
 * Public pages, shared on social media: browsers and proxies may keep them briefly (PUBLIC_CACHE),
 * and a revalidation with the ETag (Express adds it and answers 304 itself) costs no body.
 */

@ApiTags('catalog')
@Controller('catalog')
@Auth({ public: true, can: ['read', 'Course'] })
export class CatalogController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly responses: CatalogResponseCache,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'listCatalog', summary: 'Published courses: filters, free text (Thai, Vietnamese), keyset pages' })
  @ApiOkResponse({ type: CatalogListDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED or CATALOG_CURSOR_INVALID (problem+json)' })
  async list(@Query() query: ListCatalogQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<CatalogListDto> {
    const page = await this.catalog.list(query);
    res.setHeader('Cache-Control', PUBLIC_CACHE);
    this.responses.remember(req.originalUrl, page);
    return page;
  }

  @Get(':slug')
  @ApiOperation({ operationId: 'getCatalogCourse', summary: 'The public course page: the published version of a course' })
  @ApiOkResponse({ type: CatalogCoursePageDto })
  @ApiNotFoundResponse({ description: 'COURSE_NOT_FOUND: unknown, draft or archived (problem+json)' })
  async get(@Param('slug') slug: string, @Res({ passthrough: true }) res: Response): Promise<CatalogCoursePageDto> {
    const page = await this.catalog.coursePage(slug);
    res.setHeader('Cache-Control', PUBLIC_CACHE);
    return page;
  }
}
