import { MEDIA_KINDS, type MediaKind } from '@baanrian/db';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { IMAGE_WIDTHS, type ImageWidth } from './media-images';

export class MediaAssetDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MEDIA_KINDS }) kind: MediaKind;
  @ApiProperty({ description: 'Detected from the bytes', example: 'image/jpeg' }) contentType: string;
  @ApiProperty({ description: 'Size of the original in bytes' }) byteSize: number;
  @ApiProperty({ description: 'Hex SHA-256 of the original' }) sha256: string;
  @ApiProperty({ description: 'The uploaded file name, cleaned; only used to name downloads' }) originalName: string;
  @ApiProperty({ enum: ['ready'] }) status: 'ready';
  @ApiProperty({ type: [Number], description: 'Widths of WebP variants served with ?w= (images only)', example: IMAGE_WIDTHS })
  imageWidths: number[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ownerId: string | null;
  @ApiProperty({ description: 'Where the file is served, relative to the site', example: '/api/v1/media/…' }) url: string;
  @ApiProperty() createdAt: string;
}

export class MediaVariantQueryDto {
  @ApiPropertyOptional({ enum: IMAGE_WIDTHS, description: 'A resized WebP variant of an image (ignored for other kinds)' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsIn(IMAGE_WIDTHS as unknown as number[])
  w?: ImageWidth;
}
