import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';

/** A signatory as stored: the signature image is a media asset, not bytes. */
export interface StoredSignatory {
  name: string;
  title: string;
  signatureMediaId?: string | null;
}

/** libs/certificates' CertificateTemplateContent with media ids instead of image buffers. */
export interface StoredTemplateContent {
  organisationName: string;
  heading?: string;
  bodyText?: string;
  logoMediaId?: string | null;
  signatories: StoredSignatory[];
  accentColor?: string;
}

/**
 * How certificate PDFs look. Editing bumps `version`; a reissue renders a new PDF (new serial)
 * for every credential whose current PDF has an older version.
 */
@Entity('credential_template')
// One default template: the one new credentials are rendered with.
@Index('UQ_credential_template_default', ['isDefault'], { unique: true, where: `is_default` })
export class CredentialTemplateEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_credential_template' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault: boolean;

  @Column({ type: 'jsonb' })
  content: StoredTemplateContent;

  @Column({ type: 'int', default: 1 })
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'updated_by_id', type: 'uuid', nullable: true })
  updatedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'FK_credential_template_updated_by' })
  updatedBy?: UserEntity | null;
}
