import { CourseCategoryEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../accounts/user-accounts';
import type { CategoryDto, CategoryListDto, CreateCategoryDto, UpdateCategoryDto } from './category.dto';
import { CoursesException } from './courses.exception';
import { cleanLocalized } from './course-fields';

const SLUG_KEY = 'UQ_1a18f1641a380860685b26a59a4';

/** Catalog categories: everyone reads them, administrators keep them. */
@Injectable()
export class CategoriesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<CategoryListDto> {
    const rows = await this.db.getRepository(CourseCategoryEntity).find({ order: { position: 'ASC', slug: 'ASC' } });
    return { items: rows.map(toDto) };
  }

  async create(dto: CreateCategoryDto): Promise<CategoryDto> {
    const repo = this.db.getRepository(CourseCategoryEntity);
    try {
      return toDto(await repo.save(repo.create({ slug: dto.slug, name: cleanLocalized(dto.name), position: dto.position ?? 0 })));
    } catch (error) {
      if (isUniqueViolation(error, SLUG_KEY)) throw new CoursesException('CATEGORY_SLUG_TAKEN');
      throw error;
    }
  }

  async update(categoryId: string, dto: UpdateCategoryDto): Promise<CategoryDto> {
    const repo = this.db.getRepository(CourseCategoryEntity);
    const category = await repo.findOneBy({ id: categoryId });
    if (!category) throw new CoursesException('CATEGORY_NOT_FOUND');
    const changes = {
      ...(dto.slug !== undefined ? { slug: dto.slug } : {}),
      ...(dto.name !== undefined ? { name: cleanLocalized(dto.name) } : {}),
      ...(dto.position !== undefined ? { position: dto.position } : {}),
    };
    try {
      if (Object.keys(changes).length) await repo.update(categoryId, changes);
    } catch (error) {
      if (isUniqueViolation(error, SLUG_KEY)) throw new CoursesException('CATEGORY_SLUG_TAKEN');
      throw error;
    }
    return toDto(await repo.findOneByOrFail({ id: categoryId }));
  }
}

const toDto = (c: CourseCategoryEntity): CategoryDto => ({ id: c.id, slug: c.slug, name: c.name, position: c.position });
