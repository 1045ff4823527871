import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../authz/auth.decorator';
import { CourseListDto, ListCoursesQueryDto } from './course.dto';
import { CoursesService } from './courses.service';

@ApiTags('courses')
@Controller('courses')
@Auth({ public: true, can: ['read', 'Course'] })
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Get()
  @ApiOperation({ operationId: 'listCourses', summary: 'Published courses, optionally for one target group' })
  @ApiOkResponse({ type: CourseListDto })
  list(@Query() query: ListCoursesQueryDto): Promise<CourseListDto> {
    return this.courses.listPublished(query);
  }
}
