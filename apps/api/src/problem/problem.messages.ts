import type { Locale } from '@baanrian/contracts';

type Catalog = Record<string, Record<Locale, string>>;

/** Titles of problem documents, by error code. `{name}` placeholders come from the exception's params. */
export const PROBLEM_TITLES: Catalog = {
  VALIDATION_FAILED: {
    th: 'ข้อมูลที่ส่งมาไม่ถูกต้อง',
    en: 'The request contains invalid data',
    vi: 'Dữ liệu gửi lên không hợp lệ',
  },
  NOT_FOUND: { th: 'ไม่พบสิ่งที่ขอ', en: 'Not found', vi: 'Không tìm thấy' },
  BAD_REQUEST: { th: 'คำขอไม่ถูกต้อง', en: 'Bad request', vi: 'Yêu cầu không hợp lệ' },
  UNAUTHORIZED: { th: 'กรุณาเข้าสู่ระบบ', en: 'Sign-in required', vi: 'Cần đăng nhập' },
  FORBIDDEN: { th: 'ไม่มีสิทธิ์เข้าถึง', en: 'Access denied', vi: 'Không có quyền truy cập' },
  CONFLICT: { th: 'ข้อมูลขัดแย้งกับที่มีอยู่', en: 'Conflict with existing data', vi: 'Xung đột với dữ liệu hiện có' },
  PAYLOAD_TOO_LARGE: { th: 'ข้อมูลมีขนาดใหญ่เกินไป', en: 'Request too large', vi: 'Yêu cầu quá lớn' },
  TOO_MANY_REQUESTS: { th: 'คำขอถี่เกินไป กรุณารอสักครู่', en: 'Too many requests', vi: 'Quá nhiều yêu cầu' },
  INTERNAL_ERROR: {
    th: 'เกิดข้อผิดพลาดภายในระบบ กรุณาลองใหม่อีกครั้ง',
    en: 'Something went wrong on our side. Please try again.',
    vi: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại.',
  },
  NOT_READY: { th: 'ระบบยังไม่พร้อมให้บริการ', en: 'The service is not ready', vi: 'Hệ thống chưa sẵn sàng' },
  COURSE_NOT_FOUND: { th: 'ไม่พบรายวิชานี้', en: 'Course not found', vi: 'Không tìm thấy khóa học' },
  PING_NOT_FOUND: { th: 'ไม่พบการทดสอบนี้', en: 'Ping not found', vi: 'Không tìm thấy lượt ping' },
};

/** Field messages, by class-validator constraint name. */
export const FIELD_MESSAGES: Catalog = {
  whitelistValidation: { th: 'ไม่รู้จักช่องข้อมูลนี้', en: 'is not an accepted field', vi: 'không phải là trường được chấp nhận' },
  isIn: { th: 'ค่าไม่อยู่ในตัวเลือกที่อนุญาต', en: 'is not one of the allowed values', vi: 'không nằm trong các giá trị cho phép' },
  isEnum: { th: 'ค่าไม่อยู่ในตัวเลือกที่อนุญาต', en: 'is not one of the allowed values', vi: 'không nằm trong các giá trị cho phép' },
  isNotEmpty: { th: 'ต้องกรอกข้อมูล', en: 'is required', vi: 'là bắt buộc' },
  isDefined: { th: 'ต้องกรอกข้อมูล', en: 'is required', vi: 'là bắt buộc' },
  isString: { th: 'ต้องเป็นข้อความ', en: 'must be text', vi: 'phải là văn bản' },
  isInt: { th: 'ต้องเป็นจำนวนเต็ม', en: 'must be a whole number', vi: 'phải là số nguyên' },
  min: { th: 'มีค่าน้อยเกินไป', en: 'is too small', vi: 'quá nhỏ' },
  max: { th: 'มีค่ามากเกินไป', en: 'is too large', vi: 'quá lớn' },
  isUuid: { th: 'รูปแบบรหัสไม่ถูกต้อง', en: 'is not a valid id', vi: 'không phải là mã hợp lệ' },
  maxLength: { th: 'ยาวเกินไป', en: 'is too long', vi: 'quá dài' },
  minLength: { th: 'สั้นเกินไป', en: 'is too short', vi: 'quá ngắn' },
};

export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in params ? String(params[key]) : match));
}
