import { DomainException } from '../problem/domain.exception';

export type MediaErrorCode =
  | 'MEDIA_NOT_FOUND'
  | 'MEDIA_EMPTY'
  | 'MEDIA_TYPE_UNSUPPORTED'
  | 'MEDIA_TYPE_MISMATCH'
  | 'MEDIA_CAPTIONS_NOT_UTF8'
  | 'MEDIA_IMAGE_UNREADABLE'
  | 'MEDIA_TOO_LARGE'
  | 'MEDIA_UPLOAD_INTERRUPTED'
  | 'MEDIA_RANGE_NOT_SATISFIABLE';

const STATUS: Record<MediaErrorCode, number> = {
  MEDIA_NOT_FOUND: 404,
  MEDIA_EMPTY: 400,
  MEDIA_TYPE_UNSUPPORTED: 415,
  MEDIA_TYPE_MISMATCH: 415,
  MEDIA_CAPTIONS_NOT_UTF8: 415,
  MEDIA_IMAGE_UNREADABLE: 415,
  MEDIA_TOO_LARGE: 413,
  MEDIA_UPLOAD_INTERRUPTED: 400,
  MEDIA_RANGE_NOT_SATISFIABLE: 416,
};

export class MediaException extends DomainException<MediaErrorCode> {
  constructor(code: MediaErrorCode, params: Record<string, string | number> = {}, extensions: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(code, STATUS[code], params, extensions, headers);
  }
}
