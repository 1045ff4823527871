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
  TOO_MANY_REQUESTS: {
    th: 'ลองหลายครั้งเกินไป กรุณารอ {seconds} วินาทีแล้วลองใหม่',
    en: 'Too many attempts. Please wait {seconds} seconds and try again.',
    vi: 'Quá nhiều lần thử. Vui lòng đợi {seconds} giây rồi thử lại.',
  },
  INTERNAL_ERROR: {
    th: 'เกิดข้อผิดพลาดภายในระบบ กรุณาลองใหม่อีกครั้ง',
    en: 'Something went wrong on our side. Please try again.',
    vi: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại.',
  },
  NOT_READY: { th: 'ระบบยังไม่พร้อมให้บริการ', en: 'The service is not ready', vi: 'Hệ thống chưa sẵn sàng' },
  COURSE_NOT_FOUND: { th: 'ไม่พบรายวิชานี้', en: 'Course not found', vi: 'Không tìm thấy khóa học' },
  PING_NOT_FOUND: { th: 'ไม่พบการทดสอบนี้', en: 'Ping not found', vi: 'Không tìm thấy lượt ping' },
  // Accounts (AccountsException)
  INVALID_CREDENTIALS: {
    th: 'อีเมลหรือรหัสบัญชี หรือรหัสผ่านไม่ถูกต้อง',
    en: 'The email or account code, or the password, is not correct',
    vi: 'Email hoặc mã tài khoản, hoặc mật khẩu không đúng',
  },
  ACCOUNT_DISABLED: {
    th: 'บัญชีนี้ถูกระงับ กรุณาติดต่อผู้ดูแลระบบ',
    en: 'This account is disabled. Please contact an administrator.',
    vi: 'Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.',
  },
  EMAIL_TAKEN: {
    th: 'อีเมลนี้มีบัญชีอยู่แล้ว ลองเข้าสู่ระบบแทน',
    en: 'An account with this email already exists. Try signing in.',
    vi: 'Email này đã có tài khoản. Hãy thử đăng nhập.',
  },
  SESSION_EXPIRED: {
    th: 'การเข้าสู่ระบบหมดอายุ กรุณาเข้าสู่ระบบอีกครั้ง',
    en: 'Your session has ended. Please sign in again.',
    vi: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
  },
  SESSION_REVOKED: {
    th: 'การเข้าสู่ระบบนี้ถูกยกเลิก กรุณาเข้าสู่ระบบอีกครั้ง',
    en: 'This session was ended. Please sign in again.',
    vi: 'Phiên đăng nhập này đã bị hủy. Vui lòng đăng nhập lại.',
  },
  SETUP_DONE: {
    th: 'ระบบมีผู้ดูแลแล้ว',
    en: 'An administrator already exists',
    vi: 'Hệ thống đã có quản trị viên',
  },
  USER_NOT_FOUND: { th: 'ไม่พบผู้ใช้นี้', en: 'User not found', vi: 'Không tìm thấy người dùng' },
  SELF_LOCKOUT: {
    th: 'ไม่สามารถระงับบัญชีหรือถอดสิทธิ์ผู้ดูแลของตนเองได้',
    en: 'You cannot disable yourself or remove your own administrator role',
    vi: 'Bạn không thể tự vô hiệu hóa mình hoặc gỡ quyền quản trị của chính mình',
  },
  STAFF_NOT_REQUESTED: {
    th: 'ผู้ใช้นี้ไม่ได้เลือกกลุ่มบุคลากรทางการศึกษา',
    en: 'This user has not chosen the education staff group',
    vi: 'Người dùng này chưa chọn nhóm cán bộ giáo dục',
  },
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
  isEmail: { th: 'รูปแบบอีเมลไม่ถูกต้อง', en: 'is not a valid email address', vi: 'không phải là địa chỉ email hợp lệ' },
  matches: { th: 'รูปแบบไม่ถูกต้อง', en: 'is not in the expected format', vi: 'không đúng định dạng' },
};

export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in params ? String(params[key]) : match));
}
