import { DomainException } from '../problem/domain.exception';

export type CatalogErrorCode = 'COURSE_NOT_FOUND' | 'CATALOG_CURSOR_INVALID';

const STATUS: Record<CatalogErrorCode, number> = { COURSE_NOT_FOUND: 404, CATALOG_CURSOR_INVALID: 400 };

export class CatalogException extends DomainException<CatalogErrorCode> {
  constructor(code: CatalogErrorCode, extensions: Record<string, unknown> = {}) {
    super(code, STATUS[code], {}, extensions);
  }
}
