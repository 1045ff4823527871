import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { MediaAssetEntity } from '../media/media-asset.entity';
import { CredentialTemplateEntity } from './credential-template.entity';
import { CredentialEntity } from './credential.entity';

/**
 * One rendered certificate of a credential, per template version. A reissue adds a row with a new
 * serial and sets `superseded_at` on the old one; old serials stay verifiable.
 */
@Entity('credential_pdf')
@Unique('UQ_credential_pdf_serial', ['serial'])
@Unique('UQ_credential_pdf_version', ['credentialId', 'templateId', 'templateVersion'])
@Index('credential_pdf_credential_idx', ['credentialId'])
export class CredentialPdfEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_credential_pdf' })
  id: string;

  @Column({ name: 'credential_id', type: 'uuid' })
  credentialId: string;

  /** e.g. BR-2569-000123: Buddhist Era year and `nextval('credential_pdf_serial_seq')`. */
  @Column({ type: 'text' })
  serial: string;

  @Column({ name: 'template_id', type: 'uuid' })
  templateId: string;

  @Column({ name: 'template_version', type: 'int' })
  templateVersion: number;

  /** Null until rendered; the asset id equals this row's id (a retried render overwrites it). */
  @Column({ name: 'media_id', type: 'uuid', nullable: true })
  mediaId: string | null;

  @Column({ name: 'rendered_at', type: 'timestamptz', nullable: true })
  renderedAt: Date | null;

  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @ManyToOne(() => CredentialEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'credential_id', foreignKeyConstraintName: 'FK_credential_pdf_credential' })
  credential?: CredentialEntity;

  @ManyToOne(() => CredentialTemplateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'template_id', foreignKeyConstraintName: 'FK_credential_pdf_template' })
  template?: CredentialTemplateEntity;

  @ManyToOne(() => MediaAssetEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'media_id', foreignKeyConstraintName: 'FK_credential_pdf_media' })
  media?: MediaAssetEntity | null;
}
