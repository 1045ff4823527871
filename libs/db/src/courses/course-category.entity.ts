import type { LocalizedText } from '@baanrian/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A catalog category (e.g. digital skills, health, cooking), managed by administrators. */
@Entity('course_category')
export class CourseCategoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'jsonb' })
  name: LocalizedText;

  @Column({ type: 'int', default: 0 })
  position: number;
}
