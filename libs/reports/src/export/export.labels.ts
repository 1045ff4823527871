import type { EnrollmentChannel, EnrollmentStatus, Locale, ReportDimension, ReportMeasure, ReportPreset, TargetGroup } from '@baanrian/contracts';

/*
 * The words of exported files, in the three languages. Target groups and formats use the portal's
 * words (i18n `targetGroup.*`), so a file and the screen name a group the same way.
 */
type Words = Record<Locale, string>;

export const MEASURE_LABELS: Record<ReportMeasure, Words> = {
  classes_online: { th: 'ชั้นเรียนออนไลน์', en: 'Online classes', vi: 'Lớp trực tuyến' },
  classes_onsite: { th: 'ชั้นเรียนในสถานที่', en: 'Onsite classes', vi: 'Lớp trực tiếp' },
  enrollments: { th: 'การลงทะเบียน', en: 'Enrolments', vi: 'Lượt ghi danh' },
  learners: { th: 'ผู้เรียน (ไม่นับซ้ำ)', en: 'Learners', vi: 'Học viên' },
  learners_online: { th: 'ผู้เรียนออนไลน์', en: 'Online learners', vi: 'Học viên trực tuyến' },
  learners_onsite: { th: 'ผู้เข้าร่วมในสถานที่', en: 'Onsite participants', vi: 'Học viên trực tiếp' },
  attendees: { th: 'ผู้เข้าเรียน', en: 'Attendees', vi: 'Người tham dự' },
  completers: { th: 'ผู้เรียนจบ', en: 'Completers', vi: 'Người hoàn thành' },
  completion_rate: { th: 'อัตราการเรียนจบ (%)', en: 'Completion rate (%)', vi: 'Tỷ lệ hoàn thành (%)' },
  certificates: { th: 'ใบรับรองที่ออก', en: 'Certificates issued', vi: 'Chứng chỉ đã cấp' },
  learning_hours: { th: 'ชั่วโมงการเรียนรู้', en: 'Learning hours', vi: 'Giờ học' },
  participants: { th: 'ผู้เข้าร่วมทั้งหมด (ไม่นับซ้ำ)', en: 'Participants (each counted once)', vi: 'Tổng người tham gia (không trùng)' },
  reach_measured: { th: 'การเข้าถึง (วัดจากเว็บไซต์)', en: 'Reach (measured)', vi: 'Tiếp cận (đo được)' },
  reach_recorded: { th: 'การเข้าถึง (บันทึกจากสื่อ)', en: 'Reach (recorded)', vi: 'Tiếp cận (ghi nhận)' },
  reach_total: { th: 'การเข้าถึงรวม', en: 'Reach (total)', vi: 'Tổng tiếp cận' },
};

export const DIMENSION_LABELS: Record<ReportDimension, Words> = {
  month: { th: 'รายเดือน', en: 'Month', vi: 'Tháng' },
  quarter: { th: 'รายไตรมาส', en: 'Quarter', vi: 'Quý' },
  half: { th: 'รายครึ่งปี', en: 'Half year', vi: 'Nửa năm' },
  target_group: { th: 'กลุ่มเป้าหมาย', en: 'Target group', vi: 'Nhóm đối tượng' },
  course: { th: 'รายวิชา', en: 'Course', vi: 'Khóa học' },
  format: { th: 'รูปแบบ', en: 'Format', vi: 'Hình thức' },
  province: { th: 'จังหวัด', en: 'Province', vi: 'Tỉnh' },
  district: { th: 'อำเภอ', en: 'District', vi: 'Huyện' },
  instructor: { th: 'ผู้สอน', en: 'Instructor', vi: 'Giảng viên' },
};

export const PRESET_LABELS: Record<ReportPreset, Words> = {
  fiscal_year_summary: { th: 'สรุปผลประจำปีงบประมาณ', en: 'Fiscal-year summary', vi: 'Tổng kết năm tài chính' },
  quarterly: { th: 'รายงานรายไตรมาส', en: 'Quarterly report', vi: 'Báo cáo quý' },
  half_year: { th: 'รายงานรายครึ่งปี', en: 'Half-year report', vi: 'Báo cáo nửa năm' },
  by_target_group: { th: 'ตามกลุ่มเป้าหมาย', en: 'By target group', vi: 'Theo nhóm đối tượng' },
  online_vs_onsite: { th: 'ออนไลน์และในสถานที่', en: 'Online vs onsite', vi: 'Trực tuyến và trực tiếp' },
  course_detail: { th: 'รายละเอียดรายวิชา', en: 'Course detail', vi: 'Chi tiết khóa học' },
};

export const TARGET_GROUP_LABELS: Record<TargetGroup, Words> = {
  early_childhood: { th: 'ปฐมวัย (เรียนร่วมกับผู้ปกครอง)', en: 'Early childhood (with a guardian)', vi: 'Mầm non (học cùng phụ huynh)' },
  youth: { th: 'เยาวชน', en: 'Youth', vi: 'Thanh thiếu niên' },
  general_public: { th: 'บุคคลทั่วไป', en: 'General public', vi: 'Người dân' },
  education_staff: { th: 'บุคลากรทางการศึกษาและเจ้าหน้าที่', en: 'Education personnel and staff', vi: 'Cán bộ giáo dục và nhân viên' },
  elderly: { th: 'ผู้สูงอายุ', en: 'Elderly', vi: 'Người cao tuổi' },
};

export const CHANNEL_LABELS: Record<EnrollmentChannel, Words> = {
  online: { th: 'ออนไลน์', en: 'Online', vi: 'Trực tuyến' },
  onsite: { th: 'ในสถานที่', en: 'On-site', vi: 'Trực tiếp' },
};

export const STATUS_LABELS: Record<EnrollmentStatus, Words> = {
  active: { th: 'กำลังเรียน', en: 'Active', vi: 'Đang học' },
  waitlisted: { th: 'รอที่นั่ง', en: 'Waitlisted', vi: 'Danh sách chờ' },
  withdrawn: { th: 'ถอนตัว', en: 'Withdrawn', vi: 'Đã rút' },
  completed: { th: 'เรียนจบ', en: 'Completed', vi: 'Đã hoàn thành' },
};

/** Columns of the one-row-per-enrolment export, in file order. */
export const ENROLLMENT_COLUMNS = ['course', 'learner', 'targetGroup', 'province', 'district', 'channel', 'status', 'activatedAt', 'startedAt', 'completedAt'] as const;
export type EnrollmentColumn = (typeof ENROLLMENT_COLUMNS)[number];

export const ENROLLMENT_COLUMN_LABELS: Record<EnrollmentColumn, Words> = {
  course: { th: 'รายวิชา', en: 'Course', vi: 'Khóa học' },
  learner: { th: 'ผู้เรียน', en: 'Learner', vi: 'Học viên' },
  targetGroup: { th: 'กลุ่มเป้าหมาย', en: 'Target group', vi: 'Nhóm đối tượng' },
  province: { th: 'จังหวัด', en: 'Province', vi: 'Tỉnh' },
  district: { th: 'อำเภอ', en: 'District', vi: 'Huyện' },
  channel: { th: 'ช่องทาง', en: 'Channel', vi: 'Kênh' },
  status: { th: 'สถานะ', en: 'Status', vi: 'Trạng thái' },
  activatedAt: { th: 'วันที่ลงทะเบียน (เวลาไทย)', en: 'Enrolled (Bangkok time)', vi: 'Ngày ghi danh (giờ Bangkok)' },
  startedAt: { th: 'วันที่เริ่มเรียน (เวลาไทย)', en: 'Started (Bangkok time)', vi: 'Ngày bắt đầu (giờ Bangkok)' },
  completedAt: { th: 'วันที่เรียนจบ (เวลาไทย)', en: 'Completed (Bangkok time)', vi: 'Ngày hoàn thành (giờ Bangkok)' },
};

/** Other words of the files. */
export const EXPORT_WORDS = {
  title: { th: 'รายงานผลการเข้าร่วมการเรียนรู้', en: 'Participation report', vi: 'Báo cáo tham gia học tập' },
  anonymous: { th: 'ไม่ระบุชื่อ', en: 'anonymous', vi: 'ẩn danh' },
  totals: { th: 'สรุปรวม', en: 'Totals', vi: 'Tổng hợp' },
  total: { th: 'รวม', en: 'Total', vi: 'Tổng' },
  target: { th: 'เป้าหมาย', en: 'Target', vi: 'Chỉ tiêu' },
  percentOfPlan: { th: 'ร้อยละของแผน', en: '% of plan', vi: '% kế hoạch' },
  measure: { th: 'ตัวชี้วัด', en: 'Measure', vi: 'Chỉ số' },
  actual: { th: 'ผลการดำเนินงาน', en: 'Actual', vi: 'Thực hiện' },
  table: { th: 'ตาราง', en: 'Table', vi: 'Bảng' },
  key: { th: 'รหัส', en: 'Key', vi: 'Mã' },
  item: { th: 'รายการ', en: 'Item', vi: 'Mục' },
  period: { th: 'ช่วงเวลา', en: 'Period', vi: 'Kỳ báo cáo' },
  enrollments: { th: 'การลงทะเบียน', en: 'Enrolments', vi: 'Ghi danh' },
  generatedAt: { th: 'จัดทำเมื่อ', en: 'Generated', vi: 'Lập lúc' },
  chartOf: { th: 'แผนภูมิ: {measure}', en: 'Chart: {measure}', vi: 'Biểu đồ: {measure}' },
  chartTop: { th: 'แสดง {shown} จาก {total} รายการที่มีค่ามากที่สุด', en: 'The {shown} largest of {total} rows', vi: '{shown} mục lớn nhất trong {total} mục' },
  noRows: { th: 'ไม่มีข้อมูลในช่วงเวลานี้', en: 'No data in this period', vi: 'Không có dữ liệu trong kỳ này' },
  fileReport: { th: 'รายงาน', en: 'report', vi: 'bao-cao' },
  fileEnrollments: { th: 'การลงทะเบียน', en: 'enrolments', vi: 'ghi-danh' },
} satisfies Record<string, Words>;

export type ExportWord = keyof typeof EXPORT_WORDS;

export function word(key: ExportWord, locale: Locale, params: Record<string, string | number> = {}): string {
  return EXPORT_WORDS[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
