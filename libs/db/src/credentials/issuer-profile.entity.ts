import type { LocalizedText } from '@baanrian/contracts';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { MediaAssetEntity } from '../media/media-asset.entity';

/** Who issues the credentials (the Open Badges issuer Profile). A single row, id = 1. */
@Entity('issuer_profile')
@Check('issuer_profile_singleton_check', `id = 1`)
export class IssuerProfileEntity {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_issuer_profile' })
  id: number;

  @Column({ type: 'jsonb' })
  name: LocalizedText;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ name: 'image_media_id', type: 'uuid', nullable: true })
  imageMediaId: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => MediaAssetEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'image_media_id', foreignKeyConstraintName: 'FK_issuer_profile_image' })
  image?: MediaAssetEntity | null;
}
