import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LocalizedTextDto {
  @ApiProperty({ example: 'การทำอาหารพื้นเมืองล้านนา' }) th: string;
  @ApiPropertyOptional({ example: 'Lanna home cooking' }) en?: string;
  @ApiPropertyOptional({ example: 'Nấu ăn truyền thống Lanna' }) vi?: string;
}
