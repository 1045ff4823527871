import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../authz/auth.decorator';
import { CategoriesService } from './categories.service';
import { CategoryDto, CategoryIdParamsDto, CategoryListDto, CreateCategoryDto, UpdateCategoryDto } from './category.dto';

@ApiTags('categories')
@Controller()
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get('categories')
  @Auth({ public: true })
  @ApiOperation({ operationId: 'listCategories', summary: 'Catalog categories, in display order' })
  @ApiOkResponse({ type: CategoryListDto })
  list(): Promise<CategoryListDto> {
    return this.categories.list();
  }

  @Post('admin/categories')
  @Auth({ can: ['create', 'Category'] })
  @ApiOperation({ operationId: 'createCategory', summary: 'Add a category' })
  @ApiCreatedResponse({ type: CategoryDto })
  @ApiConflictResponse({ description: 'CATEGORY_SLUG_TAKEN (problem+json)' })
  create(@Body() dto: CreateCategoryDto): Promise<CategoryDto> {
    return this.categories.create(dto);
  }

  @Patch('admin/categories/:categoryId')
  @Auth({ can: ['update', 'Category'] })
  @ApiOperation({ operationId: 'updateCategory', summary: 'Rename, re-slug or move a category' })
  @ApiOkResponse({ type: CategoryDto })
  @ApiNotFoundResponse({ description: 'CATEGORY_NOT_FOUND (problem+json)' })
  @ApiConflictResponse({ description: 'CATEGORY_SLUG_TAKEN (problem+json)' })
  update(@Param() params: CategoryIdParamsDto, @Body() dto: UpdateCategoryDto): Promise<CategoryDto> {
    return this.categories.update(params.categoryId, dto);
  }
}
