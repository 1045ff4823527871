import type { Locale } from '@baanrian/contracts';

/** Why a line of a bulk file was not accepted; shown in the report in the uploader's language. */
export const IMPORT_REASONS = ['UNKNOWN_ACCOUNT', 'DUPLICATE_ROW', 'MISSING_IDENTIFIER', 'INVALID_CHANNEL', 'INVALID_ENCODING', 'UNKNOWN_COLUMNS'] as const;
export type ImportReason = (typeof IMPORT_REASONS)[number];

const MESSAGES: Record<ImportReason, Record<Locale, string>> = {
  UNKNOWN_ACCOUNT: {
    th: 'ไม่พบบัญชีที่ใช้อีเมลหรือรหัสบัญชีนี้',
    en: 'No account has this email address or account code',
    vi: 'Không có tài khoản nào dùng email hoặc mã tài khoản này',
  },
  DUPLICATE_ROW: { th: 'ซ้ำกับแถวก่อนหน้าในไฟล์', en: 'Same person as an earlier line of the file', vi: 'Trùng với một dòng trước trong tệp' },
  MISSING_IDENTIFIER: { th: 'ไม่มีอีเมลหรือรหัสบัญชี', en: 'No email address or account code', vi: 'Thiếu email hoặc mã tài khoản' },
  INVALID_CHANNEL: {
    th: 'ช่องทางการเรียนต้องเป็น online หรือ onsite ตามที่รายวิชาเปิดให้',
    en: 'The channel must be online or onsite, as the course offers',
    vi: 'Hình thức học phải là online hoặc onsite, theo khóa học',
  },
  INVALID_ENCODING: {
    th: 'บรรทัดนี้ไม่ได้บันทึกเป็น UTF-8 (เช่น ภาษาไทยแบบ TIS-620) บันทึกไฟล์เป็น CSV UTF-8 แล้วลองใหม่',
    en: 'This line is not UTF-8 (for example Thai saved as TIS-620 or Latin-1): save the file as CSV UTF-8 and try again',
    vi: 'Dòng này không phải UTF-8 (ví dụ tiếng Thái lưu bằng TIS-620 hoặc Latin-1): hãy lưu tệp dạng CSV UTF-8 rồi thử lại',
  },
  UNKNOWN_COLUMNS: {
    th: 'คอลัมน์ไม่ถูกต้อง ใช้ email หรือ account_code และ channel (ถ้ามี)',
    en: 'Unexpected columns: use email or account_code, and optionally channel',
    vi: 'Cột không hợp lệ: dùng email hoặc account_code, và channel (nếu có)',
  },
};

export const importReasonMessage = (reason: string, locale: Locale): string => MESSAGES[reason as ImportReason]?.[locale] ?? reason;
