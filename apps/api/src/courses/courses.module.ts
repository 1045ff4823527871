import { CourseEntity } from '@baanrian/db';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CategoriesController } from './categories.controller';
import { CategoriesService } from './categories.service';
import { CourseInstructorsService } from './course-instructors.service';
import { CoursePublishService } from './course-publish.service';
import { CoursesController } from './courses.controller';
import { CoursesService } from './courses.service';
import { StudioCoursesController } from './studio-courses.controller';
import { StudioCoursesService } from './studio-courses.service';
import { StudioInstructorsController } from './studio-instructors.controller';
import { StudioOutlineController } from './studio-outline.controller';
import { StudioOutlineService } from './studio-outline.service';

@Module({
  imports: [TypeOrmModule.forFeature([CourseEntity])],
  controllers: [CoursesController, StudioCoursesController, StudioOutlineController, StudioInstructorsController, CategoriesController],
  providers: [CoursesService, StudioCoursesService, StudioOutlineService, CoursePublishService, CourseInstructorsService, CategoriesService],
})
export class CoursesModule {}
