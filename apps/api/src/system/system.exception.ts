import { DomainException } from '../problem/domain.exception';

export type SystemErrorCode = 'PING_NOT_FOUND' | 'NOT_READY';

const STATUS: Record<SystemErrorCode, number> = { PING_NOT_FOUND: 404, NOT_READY: 503 };

export class SystemException extends DomainException<SystemErrorCode> {
  constructor(code: SystemErrorCode, extensions: Record<string, unknown> = {}) {
    super(code, STATUS[code], {}, extensions);
  }
}
