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
  SERVICE_UNAVAILABLE: {
    th: 'ระบบขัดข้องชั่วคราว กรุณาลองใหม่ในอีกสักครู่',
    en: 'The service is briefly unavailable. Please try again in a moment.',
    vi: 'Hệ thống tạm thời gián đoạn. Vui lòng thử lại sau giây lát.',
  },
  COURSE_NOT_FOUND: { th: 'ไม่พบรายวิชานี้', en: 'Course not found', vi: 'Không tìm thấy khóa học' },
  CATALOG_CURSOR_INVALID: {
    th: 'ลิงก์หน้าถัดไปไม่ถูกต้องหรือหมดอายุ โปรดเริ่มค้นหาใหม่',
    en: 'The next-page link is not valid for this search; please start the search again',
    vi: 'Liên kết trang tiếp theo không hợp lệ cho tìm kiếm này; vui lòng tìm lại từ đầu',
  },
  PING_NOT_FOUND: { th: 'ไม่พบการทดสอบนี้', en: 'Ping not found', vi: 'Không tìm thấy lượt ping' },
  // Media (MediaException)
  MEDIA_NOT_FOUND: { th: 'ไม่พบไฟล์นี้', en: 'File not found', vi: 'Không tìm thấy tệp' },
  MEDIA_EMPTY: { th: 'ไฟล์ว่างเปล่า กรุณาเลือกไฟล์อีกครั้ง', en: 'The file is empty. Please choose the file again.', vi: 'Tệp trống. Vui lòng chọn lại tệp.' },
  MEDIA_TYPE_UNSUPPORTED: {
    th: 'ไม่รองรับไฟล์ชนิดนี้ ใช้ได้เฉพาะรูปภาพ (JPEG, PNG, WebP, GIF) วิดีโอ (MP4, WebM) เสียง (MP3, M4A, OGG, WAV) เอกสาร PDF และคำบรรยาย WebVTT',
    en: 'This type of file is not supported. Use images (JPEG, PNG, WebP, GIF), video (MP4, WebM), audio (MP3, M4A, OGG, WAV), PDF documents or WebVTT captions.',
    vi: 'Không hỗ trợ loại tệp này. Hãy dùng ảnh (JPEG, PNG, WebP, GIF), video (MP4, WebM), âm thanh (MP3, M4A, OGG, WAV), tài liệu PDF hoặc phụ đề WebVTT.',
  },
  MEDIA_TYPE_MISMATCH: {
    th: 'เนื้อหาของไฟล์เป็น {detected} แต่ชื่อหรือชนิดไฟล์ระบุว่าเป็น {declared} กรุณาตรวจสอบไฟล์',
    en: 'The file contains {detected}, but its name or type says {declared}. Please check the file.',
    vi: 'Nội dung tệp là {detected}, nhưng tên hoặc loại tệp ghi là {declared}. Vui lòng kiểm tra lại tệp.',
  },
  MEDIA_CAPTIONS_NOT_UTF8: {
    th: 'ไฟล์คำบรรยายต้องเป็น WebVTT ที่บันทึกแบบ UTF-8',
    en: 'Caption files must be WebVTT saved as UTF-8',
    vi: 'Tệp phụ đề phải là WebVTT được lưu dạng UTF-8',
  },
  MEDIA_IMAGE_UNREADABLE: {
    th: 'เปิดรูปภาพนี้ไม่ได้ ไฟล์อาจเสียหาย',
    en: 'This image cannot be opened; the file may be damaged',
    vi: 'Không mở được ảnh này; tệp có thể bị hỏng',
  },
  MEDIA_TOO_LARGE: {
    th: 'ไฟล์ใหญ่เกินไป ไฟล์ชนิดนี้ต้องไม่เกิน {limit}',
    en: 'The file is too large: files of this type may be at most {limit}',
    vi: 'Tệp quá lớn: loại tệp này tối đa {limit}',
  },
  MEDIA_UPLOAD_INTERRUPTED: {
    th: 'การอัปโหลดถูกขัดจังหวะ กรุณาลองใหม่',
    en: 'The upload was interrupted. Please try again.',
    vi: 'Quá trình tải lên bị gián đoạn. Vui lòng thử lại.',
  },
  MEDIA_RANGE_NOT_SATISFIABLE: {
    th: 'ช่วงข้อมูลที่ขออยู่นอกขนาดของไฟล์',
    en: 'The requested range is outside the file',
    vi: 'Khoảng dữ liệu yêu cầu nằm ngoài tệp',
  },
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
  OIDC_DISABLED: {
    th: 'เซิร์ฟเวอร์นี้ยังไม่ได้ตั้งค่าการเข้าสู่ระบบด้วยบัตรประชาชนดิจิทัล',
    en: 'Sign-in with a digital ID is not set up on this server',
    vi: 'Máy chủ này chưa thiết lập đăng nhập bằng định danh điện tử',
  },
  USER_NOT_FOUND: { th: 'ไม่พบผู้ใช้นี้', en: 'User not found', vi: 'Không tìm thấy người dùng' },
  SELF_LOCKOUT: {
    th: 'ไม่สามารถระงับบัญชีหรือถอดสิทธิ์ผู้ดูแลของตนเองได้',
    en: 'You cannot disable yourself or remove your own administrator role',
    vi: 'Bạn không thể tự vô hiệu hóa mình hoặc gỡ quyền quản trị của chính mình',
  },
  RESET_TOKEN_INVALID: {
    th: 'ลิงก์ตั้งรหัสผ่านใหม่นี้ใช้ไม่ได้แล้ว (หมดอายุหรือถูกใช้ไปแล้ว) กรุณาขอลิงก์ใหม่',
    en: 'This password reset link no longer works (it has expired or was already used). Please ask for a new one.',
    vi: 'Liên kết đặt lại mật khẩu này không còn hiệu lực (đã hết hạn hoặc đã được dùng). Vui lòng yêu cầu liên kết mới.',
  },
  STAFF_NOT_REQUESTED: {
    th: 'ผู้ใช้นี้ไม่ได้เลือกกลุ่มบุคลากรทางการศึกษา',
    en: 'This user has not chosen the education staff group',
    vi: 'Người dùng này chưa chọn nhóm cán bộ giáo dục',
  },
  // Guardians, consent, export and erasure (PrivacyException)
  CHILD_NOT_FOUND: { th: 'ไม่พบโปรไฟล์เด็กนี้', en: 'Child profile not found', vi: 'Không tìm thấy hồ sơ của trẻ' },
  CHILD_AGE_OUT_OF_RANGE: {
    th: 'โปรไฟล์เด็กใช้ได้สำหรับเด็กปฐมวัยและเยาวชนเท่านั้น (อายุต่ำกว่า 25 ปี)',
    en: 'Child profiles are for early childhood and youth only (under 25)',
    vi: 'Hồ sơ trẻ chỉ dành cho trẻ mầm non và thanh thiếu niên (dưới 25 tuổi)',
  },
  TOO_MANY_CHILDREN: {
    th: 'เพิ่มโปรไฟล์เด็กได้สูงสุด {max} คน',
    en: 'You can have at most {max} child profiles',
    vi: 'Bạn chỉ có thể có tối đa {max} hồ sơ trẻ',
  },
  CONSENT_REQUIRED: {
    th: 'ต้องได้รับความยินยอมจากผู้ปกครองเพื่อการเรียนรู้ก่อน',
    en: "A guardian's consent for learning is required",
    vi: 'Cần có sự đồng ý của người giám hộ cho việc học',
  },
  CONSENT_POLICY_OUTDATED: {
    th: 'นโยบายความเป็นส่วนตัวมีฉบับใหม่ กรุณาอ่านและให้ความยินยอมอีกครั้ง',
    en: 'The privacy policy has a newer version. Please read it and consent again.',
    vi: 'Chính sách quyền riêng tư đã có phiên bản mới. Vui lòng đọc và đồng ý lại.',
  },
  CONSENT_WITHDRAWN: {
    th: 'ความยินยอมสำหรับโปรไฟล์นี้ถูกถอนแล้ว ผู้ปกครองต้องให้ความยินยอมใหม่ก่อนใช้งาน',
    en: 'Consent for this profile was withdrawn. The guardian must consent again first.',
    vi: 'Sự đồng ý cho hồ sơ này đã bị rút lại. Người giám hộ cần đồng ý lại trước.',
  },
  NOT_ACTING: {
    th: 'ขณะนี้ไม่ได้ใช้งานในโปรไฟล์ของเด็ก',
    en: "You are not using a child's profile",
    vi: 'Bạn không đang dùng hồ sơ của trẻ',
  },
  LAST_ADMIN: {
    th: 'ไม่สามารถลบบัญชีผู้ดูแลระบบคนสุดท้ายได้ กรุณาแต่งตั้งผู้ดูแลคนอื่นก่อน',
    en: 'The last administrator cannot delete their account. Make someone else an administrator first.',
    vi: 'Không thể xóa tài khoản quản trị viên cuối cùng. Hãy chỉ định quản trị viên khác trước.',
  },
  // Assisted sign-up: one answer for a wrong, unknown, expired, replaced or used card.
  CARD_INVALID: {
    th: 'รหัสบนบัตรไม่ถูกต้อง หมดอายุ หรือถูกใช้ไปแล้ว กรุณาตรวจสอบอีกครั้ง หรือขอบัตรใหม่จากผู้สอน',
    en: 'The card code is not correct, has expired or has already been used. Check it, or ask your instructor for a new card.',
    vi: 'Mã trên thẻ không đúng, đã hết hạn hoặc đã được sử dụng. Hãy kiểm tra lại hoặc xin giáo viên thẻ mới.',
  },
  CARD_SECRET_SET: {
    th: 'ผู้เรียนคนนี้ตั้ง PIN หรือรหัสผ่านแล้ว หากต้องการให้ตั้งใหม่ ให้ออกบัตรใหม่แบบรีเซ็ต',
    en: 'This learner has already chosen a PIN or password. To let them choose a new one, issue a card with reset.',
    vi: 'Người học này đã đặt mã PIN hoặc mật khẩu. Để họ đặt lại, hãy cấp thẻ mới có đặt lại.',
  },
  NOT_ASSISTED_ACCOUNT: {
    th: 'บัตรเข้าสู่ระบบใช้ได้เฉพาะบัญชีที่ผู้สอนหรือผู้ดูแลสร้างให้',
    en: 'Sign-in cards are only for accounts created by an instructor or administrator',
    vi: 'Thẻ đăng nhập chỉ dành cho tài khoản do giáo viên hoặc quản trị viên tạo',
  },
  // Progress and the lesson player (ProgressException)
  PROGRESS_COURSE_NOT_FOUND: { th: 'ไม่พบรายวิชานี้', en: 'Course not found', vi: 'Không tìm thấy khóa học' },
  PROGRESS_LESSON_NOT_FOUND: { th: 'ไม่พบบทเรียนนี้', en: 'Lesson not found', vi: 'Không tìm thấy bài học' },
  PROGRESS_NOT_ENROLLED: {
    th: 'คุณยังไม่ได้ลงทะเบียนเรียนรายวิชานี้',
    en: 'You are not enrolled in this course',
    vi: 'Bạn chưa ghi danh khóa học này',
  },
  PROGRESS_LESSON_LOCKED: {
    th: 'บทเรียนนี้ยังเปิดไม่ได้ กรุณาเรียนบทก่อนหน้าให้จบก่อน',
    en: 'This lesson is locked: finish the lessons before it first',
    vi: 'Bài học này đang bị khóa: hãy hoàn thành các bài trước đó',
  },
  PROGRESS_LESSON_NOT_TRACKED: {
    th: 'บทเรียนประเภทนี้บันทึกความก้าวหน้าด้วยการเข้าร่วมหรือทำแบบทดสอบ',
    en: 'Progress in this kind of lesson comes from attendance or the quiz',
    vi: 'Tiến độ của loại bài học này được ghi nhận qua điểm danh hoặc bài kiểm tra',
  },
  // Notifications (NotificationsException)
  NOTIFICATION_NOT_FOUND: { th: 'ไม่พบการแจ้งเตือนนี้', en: 'Notification not found', vi: 'Không tìm thấy thông báo' },
  NOTIFICATIONS_CURSOR_INVALID: {
    th: 'ลิงก์หน้าถัดไปไม่ถูกต้อง กรุณาโหลดรายการใหม่',
    en: 'The next-page link is not valid; please reload the list',
    vi: 'Liên kết trang tiếp theo không hợp lệ; vui lòng tải lại danh sách',
  },
  // Courses (CoursesException); COURSE_NOT_FOUND is above
  MODULE_NOT_FOUND: { th: 'ไม่พบหน่วยการเรียนนี้', en: 'Module not found', vi: 'Không tìm thấy học phần' },
  LESSON_NOT_FOUND: { th: 'ไม่พบบทเรียนนี้', en: 'Lesson not found', vi: 'Không tìm thấy bài học' },
  CATEGORY_NOT_FOUND: { th: 'ไม่พบหมวดหมู่นี้', en: 'Category not found', vi: 'Không tìm thấy danh mục' },
  INVITATION_NOT_FOUND: { th: 'ไม่พบคำเชิญนี้', en: 'Invitation not found', vi: 'Không tìm thấy lời mời' },
  COURSE_SLUG_TAKEN: {
    th: 'ชื่อลิงก์ (slug) นี้มีรายวิชาอื่นใช้แล้ว',
    en: 'Another course already uses this link name (slug)',
    vi: 'Một khóa học khác đã dùng tên liên kết (slug) này',
  },
  CATEGORY_SLUG_TAKEN: { th: 'มีหมวดหมู่นี้อยู่แล้ว', en: 'This category already exists', vi: 'Danh mục này đã tồn tại' },
  COURSE_EDIT_CONFLICT: {
    th: 'มีผู้แก้ไขรายวิชานี้ไปก่อนแล้ว โหลดฉบับล่าสุดแล้วลองอีกครั้ง',
    en: 'Someone else changed this course first. Reload the latest draft and try again',
    vi: 'Người khác đã sửa khóa học này trước. Hãy tải bản mới nhất và thử lại',
  },
  COURSE_PUBLISHED_CANNOT_DELETE: {
    th: 'ลบรายวิชาที่เคยเผยแพร่แล้วไม่ได้ ให้เก็บเข้าคลังแทน',
    en: 'A course that was ever published cannot be deleted; archive it instead',
    vi: 'Không thể xóa khóa học đã từng xuất bản; hãy lưu trữ nó',
  },
  COURSE_ARCHIVED: {
    th: 'รายวิชานี้ถูกเก็บเข้าคลังแล้ว นำกลับมาก่อนจึงจะเผยแพร่ได้',
    en: 'This course is archived; restore it before publishing',
    vi: 'Khóa học này đã được lưu trữ; hãy khôi phục trước khi xuất bản',
  },
  COURSE_NOT_ARCHIVED: {
    th: 'นำกลับมาได้เฉพาะรายวิชาที่เคยเผยแพร่และถูกเก็บเข้าคลัง',
    en: 'Only an archived course that was published can be restored',
    vi: 'Chỉ có thể khôi phục khóa học đã xuất bản và đã lưu trữ',
  },
  COURSE_HAS_NO_LESSONS: {
    th: 'เผยแพร่ไม่ได้: รายวิชานี้ยังไม่มีบทเรียน',
    en: 'Cannot publish: this course has no lessons yet',
    vi: 'Không thể xuất bản: khóa học này chưa có bài học nào',
  },
  COURSE_NOT_PUBLISHABLE: {
    th: 'ยังเผยแพร่รายวิชานี้ไม่ได้ แก้ไขตามรายการด้านล่างก่อน',
    en: 'This course cannot be published yet; fix the problems listed',
    vi: 'Chưa thể xuất bản khóa học này; hãy sửa các vấn đề được liệt kê',
  },
  PUBLISH_TITLE_MISSING: {
    th: 'ยังไม่มีชื่อรายวิชาในภาษาที่สอน',
    en: 'The course has no title in the language it is taught in',
    vi: 'Khóa học chưa có tên bằng ngôn ngữ giảng dạy',
  },
  PUBLISH_SUMMARY_MISSING: {
    th: 'ยังไม่มีคำอธิบายย่อในภาษาที่สอน',
    en: 'The course has no summary in the language it is taught in',
    vi: 'Khóa học chưa có phần tóm tắt bằng ngôn ngữ giảng dạy',
  },
  PUBLISH_SESSION_ENDS_BEFORE_START: {
    th: 'มีนัดเรียนที่เวลาสิ้นสุดไม่หลังเวลาเริ่ม',
    en: 'A session ends before it starts',
    vi: 'Có buổi học kết thúc trước khi bắt đầu',
  },
  PUBLISH_EMPTY_MODULE: {
    th: 'มีหน่วยการเรียนที่ยังไม่มีบทเรียน',
    en: 'A module has no lessons',
    vi: 'Có học phần chưa có bài học nào',
  },
  OUTLINE_MISMATCH: {
    th: 'ลำดับที่ส่งมาไม่ตรงกับหน่วยการเรียนและบทเรียนที่มีอยู่ โหลดใหม่แล้วลองอีกครั้ง',
    en: 'The order sent does not list exactly the current modules and lessons; reload and try again',
    vi: 'Thứ tự gửi lên không khớp với các học phần và bài học hiện có; hãy tải lại và thử lại',
  },
  INSTRUCTOR_NOT_FOUND: {
    th: 'ไม่พบผู้สอนที่ใช้อีเมลนี้',
    en: 'No instructor has this email address',
    vi: 'Không có giảng viên nào dùng địa chỉ email này',
  },
  // Enrolment (EnrollmentsException)
  ENROLLMENT_COURSE_NOT_FOUND: { th: 'ไม่พบรายวิชาที่เปิดรับสมัคร', en: 'No published course with this id', vi: 'Không có khóa học đã xuất bản với mã này' },
  ENROLLMENT_NOT_FOUND: { th: 'ยังไม่ได้ลงทะเบียนรายวิชานี้', en: 'Not enrolled in this course', vi: 'Chưa đăng ký khóa học này' },
  ENROLLMENT_NOT_YOUR_CHILD: { th: 'ไม่พบบุตรหลานในความดูแลของคุณ', en: 'No child of yours has this id', vi: 'Không có con em nào của bạn với mã này' },
  ENROLLMENT_ACCOUNT_NOT_FOUND: {
    th: 'ไม่พบบัญชีที่ใช้อีเมลหรือรหัสบัญชีนี้',
    en: 'No account has this email address or account code',
    vi: 'Không có tài khoản nào dùng email hoặc mã tài khoản này',
  },
  ENROLLMENT_IMPORT_NOT_FOUND: { th: 'ไม่พบไฟล์นำเข้านี้', en: 'Import not found', vi: 'Không tìm thấy tệp nhập' },
  ENROLLMENT_CONSENT_REQUIRED: {
    th: 'ต้องให้ความยินยอมของผู้ปกครองสำหรับการเรียนก่อนลงทะเบียนให้บุตรหลาน',
    en: "The guardian's consent to learning is needed before enrolling this child",
    vi: 'Cần có sự đồng ý học tập của người giám hộ trước khi đăng ký cho trẻ',
  },
  ENROLLMENT_CLOSED: {
    th: 'รายวิชานี้ไม่ได้เปิดรับสมัครในขณะนี้',
    en: 'Enrollment in this course is not open now',
    vi: 'Khóa học này hiện không mở đăng ký',
  },
  ENROLLMENT_ALREADY_COMPLETED: {
    th: 'เรียนจบรายวิชานี้แล้ว จึงถอนตัวไม่ได้',
    en: 'This course is already completed and cannot be withdrawn from',
    vi: 'Khóa học đã hoàn thành nên không thể rút',
  },
  ENROLLMENT_IMPORT_EXPIRED: {
    th: 'รายงานตรวจสอบหมดอายุแล้ว กรุณาอัปโหลดไฟล์อีกครั้ง',
    en: 'This preview has expired; please upload the file again',
    vi: 'Bản xem trước đã hết hạn; vui lòng tải tệp lên lại',
  },
  ENROLLMENT_IMPORT_TOO_LARGE: {
    th: 'ไฟล์ใหญ่เกินไป (ไม่เกิน {limit})',
    en: 'The file is too large (at most {limit})',
    vi: 'Tệp quá lớn (tối đa {limit})',
  },
  ENROLLMENT_IMPORT_UNPACKED_TOO_LARGE: {
    th: 'ไฟล์ XLSX นี้เมื่อแตกออกมีขนาดเกิน {limit} กรุณาแบ่งรายชื่อเป็นหลายไฟล์',
    en: 'This XLSX file unpacks to more than {limit}. Please split the list into smaller files.',
    vi: 'Tệp XLSX này khi giải nén lớn hơn {limit}. Vui lòng chia danh sách thành các tệp nhỏ hơn.',
  },
  ENROLLMENT_IMPORT_TYPE_UNSUPPORTED: {
    th: 'ไม่รองรับไฟล์ชนิดนี้ ใช้ได้เฉพาะไฟล์ CSV (UTF-8) หรือ XLSX',
    en: 'This type of file is not supported: use a CSV (UTF-8) or XLSX file',
    vi: 'Không hỗ trợ loại tệp này: hãy dùng tệp CSV (UTF-8) hoặc XLSX',
  },
  ENROLLMENT_IMPORT_UNREADABLE: {
    th: 'อ่านไฟล์ไม่ได้ ใช้ไฟล์ CSV (UTF-8) หรือ XLSX',
    en: 'The file cannot be read: use CSV (UTF-8) or XLSX',
    vi: 'Không đọc được tệp: hãy dùng CSV (UTF-8) hoặc XLSX',
  },
  ENROLLMENT_CHANNEL_INVALID: {
    th: 'รายวิชานี้ไม่มีช่องทางการเรียนที่เลือก',
    en: 'This course is not offered through the chosen channel',
    vi: 'Khóa học này không có hình thức học đã chọn',
  },
  // Sessions and attendance (AttendanceException)
  SESSION_NOT_FOUND: { th: 'ไม่พบรอบเรียนนี้', en: 'Session not found', vi: 'Không tìm thấy buổi học' },
  ATTENDANCE_NOT_ENROLLED: {
    th: 'คุณยังไม่ได้ลงทะเบียนรายวิชานี้',
    en: 'You are not enrolled in this course',
    vi: 'Bạn chưa đăng ký khóa học này',
  },
  ATTENDANCE_OUTSIDE_WINDOW: {
    th: 'ยังไม่ถึงเวลาหรือหมดเวลาเช็กอินของรอบเรียนนี้แล้ว',
    en: 'Check-in for this session is not open now',
    vi: 'Hiện không trong thời gian điểm danh của buổi học này',
  },
  ATTENDANCE_CODE_EXPIRED: {
    th: 'รหัสนี้หมดอายุแล้ว กรุณาสแกนคิวอาร์โค้ดบนจออีกครั้ง',
    en: 'This code has expired. Please scan the QR code on the screen again.',
    vi: 'Mã này đã hết hạn. Vui lòng quét lại mã QR trên màn hình.',
  },
  ATTENDANCE_CODE_INVALID: {
    th: 'รหัสเช็กอินไม่ถูกต้องสำหรับรอบเรียนนี้',
    en: 'This check-in code is not valid for this session',
    vi: 'Mã điểm danh không hợp lệ cho buổi học này',
  },
  ATTENDANCE_WRONG_SESSION_TYPE: {
    th: 'ทำรายการนี้กับรอบเรียนประเภทนี้ไม่ได้',
    en: 'This cannot be done for this kind of session',
    vi: 'Không thể thực hiện việc này với loại buổi học này',
  },
  ATTENDANCE_LEARNER_NOT_ENROLLED: {
    th: 'มีผู้เรียนในรายการที่ไม่ได้ลงทะเบียนรายวิชานี้',
    en: 'Some people in the list are not enrolled in this course',
    vi: 'Một số người trong danh sách chưa đăng ký khóa học này',
  },
  CREDENTIAL_NOT_FOUND: {
    th: 'ไม่พบใบรับรองที่มีรหัสนี้',
    en: 'No certificate with this code',
    vi: 'Không tìm thấy chứng chỉ với mã này',
  },
  CREDENTIAL_PDF_NOT_READY: {
    th: 'ไฟล์ PDF ของใบรับรองยังไม่พร้อม กรุณาลองใหม่ในอีกสักครู่',
    en: 'The certificate PDF is not ready yet. Please try again in a moment.',
    vi: 'Tệp PDF của chứng chỉ chưa sẵn sàng. Vui lòng thử lại sau ít phút.',
  },
  CREDENTIAL_ALREADY_REVOKED: {
    th: 'ใบรับรองนี้ถูกเพิกถอนไปแล้ว',
    en: 'This certificate has already been revoked',
    vi: 'Chứng chỉ này đã bị thu hồi',
  },
  CREDENTIAL_TEMPLATE_NOT_FOUND: {
    th: 'ไม่พบแม่แบบใบรับรองนี้',
    en: 'Certificate template not found',
    vi: 'Không tìm thấy mẫu chứng chỉ',
  },
  CREDENTIAL_TEMPLATE_IS_DEFAULT: {
    th: 'ลบแม่แบบที่ใช้เป็นค่าเริ่มต้นไม่ได้ กรุณาตั้งแม่แบบอื่นเป็นค่าเริ่มต้นก่อน',
    en: 'The default template cannot be deleted. Make another template the default first.',
    vi: 'Không thể xóa mẫu mặc định. Hãy đặt mẫu khác làm mặc định trước.',
  },
  CREDENTIAL_TEMPLATE_IN_USE: {
    th: 'ลบแม่แบบนี้ไม่ได้ เพราะมีใบรับรองที่ออกด้วยแม่แบบนี้แล้ว',
    en: 'This template cannot be deleted: certificates were issued with it',
    vi: 'Không thể xóa mẫu này vì đã có chứng chỉ được cấp bằng mẫu này',
  },
  CREDENTIAL_MEDIA_INVALID: {
    th: 'รูปภาพที่เลือกต้องเป็นไฟล์ PNG หรือ JPEG ที่อัปโหลดไว้แล้ว',
    en: 'The chosen image must be an uploaded PNG or JPEG file',
    vi: 'Hình ảnh đã chọn phải là tệp PNG hoặc JPEG đã tải lên',
  },
  CREDENTIAL_MEDIA_TOO_LARGE: {
    th: 'รูปภาพสำหรับใบรับรองต้องมีขนาดไม่เกิน {maxMegabytes} MB',
    en: 'Images on certificates can be at most {maxMegabytes} MB',
    vi: 'Hình ảnh trên chứng chỉ chỉ được tối đa {maxMegabytes} MB',
  },
  CREDENTIAL_TITLE_RULE_NOT_FOUND: {
    th: 'ไม่พบเกณฑ์การมอบวุฒิบัตรนี้',
    en: 'Title rule not found',
    vi: 'Không tìm thấy quy tắc danh hiệu',
  },
  REACH_TOO_MANY_VISITS: {
    th: 'มีการเปิดหน้าจากที่อยู่นี้ถี่เกินไป กรุณารอ {seconds} วินาที',
    en: 'Too many page views from this address. Please wait {seconds} seconds.',
    vi: 'Quá nhiều lượt xem trang từ địa chỉ này. Vui lòng đợi {seconds} giây.',
  },
  CREDENTIAL_TITLE_RULE_IN_USE: {
    th: 'ลบเกณฑ์นี้ไม่ได้ เพราะมีผู้ได้รับตำแหน่งตามเกณฑ์นี้แล้ว ให้ปิดการใช้งานแทน',
    en: 'This rule cannot be deleted: titles were awarded under it. Deactivate it instead.',
    vi: 'Không thể xóa quy tắc này vì đã có danh hiệu được trao theo quy tắc. Hãy tắt quy tắc thay vì xóa.',
  },
  WALK_IN_CLAIM_INVALID: {
    th: 'รหัสบัญชีหรือรหัสผ่านไม่ถูกต้อง หรือบัญชีนี้ถูกรับไปแล้ว',
    en: 'Wrong account code or PIN, or this account was already claimed',
    vi: 'Sai mã tài khoản hoặc mã PIN, hoặc tài khoản này đã được nhận',
  },
  WALK_IN_CLAIM_SELF: {
    th: 'คุณใช้บัญชีนี้อยู่แล้ว กรุณาเข้าสู่ระบบด้วยบัญชีหลักของคุณก่อน',
    en: 'You are signed in with this account already. Sign in with your own account first.',
    vi: 'Bạn đang đăng nhập bằng chính tài khoản này. Hãy đăng nhập bằng tài khoản của bạn trước.',
  },
  // Quiz authoring (QuizzesException)
  QUIZ_QUESTION_NOT_FOUND: { th: 'ไม่พบคำถามนี้', en: 'Question not found', vi: 'Không tìm thấy câu hỏi' },
  QUIZ_QUESTION_INVALID: {
    th: 'คำถามยังไม่สมบูรณ์ กรุณาตรวจสอบรายการที่ต้องแก้ไข',
    en: 'The question cannot be used yet; see the reasons',
    vi: 'Câu hỏi chưa dùng được; xem các lý do',
  },
  QUIZ_QUESTION_EDIT_CONFLICT: {
    th: 'มีผู้แก้ไขเฉลยของคำถามนี้ไปแล้ว โหลดใหม่แล้วลองอีกครั้ง',
    en: 'Someone changed this question\'s answer key meanwhile; reload and try again',
    vi: 'Đáp án của câu hỏi này vừa được người khác sửa; hãy tải lại và thử lại',
  },
  QUIZ_MEDIA_INVALID: {
    th: 'ใช้ไฟล์สื่อนี้ไม่ได้ หรือรูปภาพยังไม่มีคำบรรยายแทนภาพ',
    en: 'This media file cannot be used here, or the image has no text alternative',
    vi: 'Không dùng được tệp này, hoặc hình ảnh chưa có văn bản thay thế',
  },
  QUIZ_CATEGORY_NOT_FOUND: { th: 'ไม่พบหมวดคำถามนี้', en: 'Question category not found', vi: 'Không tìm thấy danh mục câu hỏi' },
  QUIZ_CATEGORY_EXISTS: { th: 'มีหมวดคำถามนี้อยู่แล้ว', en: 'This question category already exists', vi: 'Danh mục câu hỏi này đã tồn tại' },
  QUIZ_NOT_FOUND: { th: 'ไม่พบแบบทดสอบนี้', en: 'Quiz not found', vi: 'Không tìm thấy bài kiểm tra' },
  QUIZ_SETTINGS_INVALID: {
    th: 'การตั้งค่าแบบทดสอบใช้ไม่ได้ กรุณาตรวจสอบคำถามและการสุ่มคำถาม',
    en: 'The quiz settings cannot be used; check its questions and random draws',
    vi: 'Cài đặt bài kiểm tra không dùng được; hãy kiểm tra câu hỏi và phần rút ngẫu nhiên',
  },
  QUIZ_HAS_ATTEMPTS: {
    th: 'ลบแบบทดสอบนี้ไม่ได้ เพราะมีผู้เรียนทำไปแล้ว',
    en: 'This quiz has attempts and cannot be deleted',
    vi: 'Bài kiểm tra đã có lượt làm bài nên không thể xóa',
  },
  QUIZ_IN_LESSON: {
    th: 'แบบทดสอบนี้ยังใช้อยู่ในบทเรียน กรุณานำออกจากบทเรียนก่อน',
    en: 'A lesson still uses this quiz; remove it from the lesson first',
    vi: 'Một bài học vẫn dùng bài kiểm tra này; hãy gỡ khỏi bài học trước',
  },
  QUIZ_LEARNER_NOT_ENROLLED: {
    th: 'ผู้เรียนคนนี้ไม่ได้ลงทะเบียนรายวิชานี้',
    en: 'This learner is not enrolled in this course',
    vi: 'Người học này chưa đăng ký khóa học này',
  },
  QUIZ_IMPORT_EMPTY: {
    th: 'ไม่มีคำถามที่นำเข้าได้ในไฟล์นี้',
    en: 'This file has no question that can be imported',
    vi: 'Tệp này không có câu hỏi nào nhập được',
  },
  QUIZ_IMPORT_NOT_TEXT: {
    th: 'ไฟล์นี้ไม่ใช่ไฟล์ข้อความ ใช้ไฟล์ GIFT หรือ Aiken ที่บันทึกแบบ UTF-8',
    en: 'This is not a text file: use a GIFT or Aiken file saved as UTF-8',
    vi: 'Đây không phải là tệp văn bản: hãy dùng tệp GIFT hoặc Aiken được lưu dạng UTF-8',
  },
  QUIZ_IMPORT_TOO_LARGE: {
    th: 'ไฟล์ใหญ่เกินไป (ไม่เกิน {limit} กิโลไบต์)',
    en: 'The file is too large (at most {limit} KB)',
    vi: 'Tệp quá lớn (tối đa {limit} KB)',
  },
  // Quiz attempts (AttemptsException)
  ATTEMPT_NOT_FOUND: { th: 'ไม่พบการทำแบบทดสอบครั้งนี้', en: 'Quiz attempt not found', vi: 'Không tìm thấy lượt làm bài này' },
  ATTEMPT_NOT_ENROLLED: {
    th: 'คุณต้องลงทะเบียนรายวิชานี้ก่อนจึงจะทำแบบทดสอบได้',
    en: 'Enrol in this course to take its quizzes',
    vi: 'Hãy đăng ký khóa học để làm bài kiểm tra này',
  },
  ATTEMPT_LIMIT_REACHED: {
    th: 'คุณทำแบบทดสอบนี้ครบจำนวนครั้งที่อนุญาตแล้ว',
    en: 'You have used all the attempts allowed for this quiz',
    vi: 'Bạn đã dùng hết số lượt làm bài được phép',
  },
  ATTEMPT_TIME_OVER: {
    th: 'หมดเวลาทำแบบทดสอบแล้ว คำตอบที่บันทึกไว้ถูกส่งตรวจเรียบร้อย',
    en: 'Time is up. The answers saved so far have been handed in.',
    vi: 'Đã hết giờ. Các câu trả lời đã lưu đã được nộp.',
  },
  ATTEMPT_ALREADY_SUBMITTED: {
    th: 'ส่งแบบทดสอบครั้งนี้ไปแล้ว',
    en: 'This attempt has already been handed in',
    vi: 'Lượt làm bài này đã được nộp',
  },
  ATTEMPT_NOT_SUBMITTED: {
    th: 'ยังไม่ได้ส่งแบบทดสอบครั้งนี้',
    en: 'This attempt has not been handed in yet',
    vi: 'Lượt làm bài này chưa được nộp',
  },
  ATTEMPT_RESPONSE_INVALID: {
    th: 'คำตอบบางข้อไม่ตรงกับคำถามในแบบทดสอบนี้',
    en: 'Some answers do not belong to the questions of this attempt',
    vi: 'Một số câu trả lời không khớp với câu hỏi của lượt làm bài này',
  },
  ATTEMPT_QUIZ_EMPTY: {
    th: 'แบบทดสอบนี้ยังไม่มีคำถาม',
    en: 'This quiz has no questions yet',
    vi: 'Bài kiểm tra này chưa có câu hỏi',
  },
  // Participation reports, plans and recorded reach (ReportsException)
  REPORT_PERIOD_INVALID: {
    th: 'ช่วงเวลาไม่ถูกต้อง ใช้ปีงบประมาณ (เช่น fy:2569) ครึ่งปี ไตรมาส เดือน ปีปฏิทิน หรือช่วงวันที่',
    en: 'The period is not valid: use a fiscal year (e.g. fy:2569), half, quarter, month, calendar year or a date range',
    vi: 'Khoảng thời gian không hợp lệ: hãy dùng năm tài chính (ví dụ fy:2569), nửa năm, quý, tháng, năm dương lịch hoặc khoảng ngày',
  },
  REPORT_PERIOD_ORDER: {
    th: 'วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น',
    en: 'The end date must not be before the start date',
    vi: 'Ngày kết thúc không được trước ngày bắt đầu',
  },
  REPORT_PERIOD_TOO_LONG: {
    th: 'ช่วงวันที่ยาวเกินไป (ไม่เกิน 10 ปี)',
    en: 'The date range is too long (at most ten years)',
    vi: 'Khoảng ngày quá dài (tối đa mười năm)',
  },
  REPORT_PRESET_UNKNOWN: {
    th: 'ไม่รู้จักรูปแบบรายงาน "{value}"',
    en: 'Unknown report layout "{value}"',
    vi: 'Không rõ mẫu báo cáo "{value}"',
  },
  REPORT_DIMENSION_UNKNOWN: {
    th: 'ไม่รู้จักมิติการจำแนก "{value}"',
    en: 'Unknown breakdown "{value}"',
    vi: 'Không rõ tiêu chí phân loại "{value}"',
  },
  REPORT_MEASURE_UNKNOWN: {
    th: 'ไม่รู้จักตัวชี้วัด "{value}"',
    en: 'Unknown measure "{value}"',
    vi: 'Không rõ chỉ số "{value}"',
  },
  REPORT_FILTER_INVALID: {
    th: 'ตัวกรองรายงานไม่ถูกต้อง ({value})',
    en: 'A report filter is not valid ({value})',
    vi: 'Bộ lọc báo cáo không hợp lệ ({value})',
  },
  REPORT_OUT_OF_SCOPE: {
    th: 'คุณดูรายงานได้เฉพาะรายวิชาที่คุณสอน',
    en: 'You can only see reports on the courses you teach',
    vi: 'Bạn chỉ xem được báo cáo của các khóa học mình giảng dạy',
  },
  REPORT_PLAN_DUPLICATE: {
    th: 'มีเป้าหมายของกลุ่มและตัวชี้วัดเดียวกันซ้ำกัน',
    en: 'The plan lists the same target group and measure twice',
    vi: 'Kế hoạch có cùng nhóm đối tượng và chỉ số hai lần',
  },
  REACH_CAMPAIGN_NOT_FOUND: { th: 'ไม่พบข้อมูลการเผยแพร่นี้', en: 'Campaign not found', vi: 'Không tìm thấy chiến dịch' },
  REACH_CAMPAIGN_COURSE_NOT_FOUND: {
    th: 'ไม่พบรายวิชาที่เลือก',
    en: 'The chosen course does not exist',
    vi: 'Không tìm thấy khóa học đã chọn',
  },
  // Report exports (ReportExportsException)
  REPORT_EXPORT_NOT_FOUND: { th: 'ไม่พบไฟล์ส่งออกนี้', en: 'Export not found', vi: 'Không tìm thấy tệp xuất' },
  REPORT_EXPORT_EXPIRED: {
    th: 'ลิงก์ดาวน์โหลดหมดอายุแล้ว กรุณาส่งออกรายงานอีกครั้ง',
    en: 'This download link has expired. Please export the report again.',
    vi: 'Liên kết tải xuống đã hết hạn. Vui lòng xuất báo cáo lại.',
  },
  REPORT_EXPORT_NOT_READY: {
    th: 'ไฟล์ยังไม่พร้อม กรุณารอจนการส่งออกเสร็จ',
    en: 'The file is not ready yet. Please wait until the export has finished.',
    vi: 'Tệp chưa sẵn sàng. Vui lòng đợi đến khi xuất xong.',
  },
  REPORT_EXPORT_PERIOD_INVALID: {
    th: 'ช่วงเวลาไม่ถูกต้อง ตรวจสอบปีงบประมาณ เดือน หรือวันเริ่มต้นและวันสิ้นสุด',
    en: 'The period is not valid: check the fiscal year, month, or start and end dates',
    vi: 'Kỳ báo cáo không hợp lệ: hãy kiểm tra năm tài chính, tháng hoặc ngày bắt đầu và kết thúc',
  },
  REPORT_EXPORT_FORMAT_UNSUPPORTED: {
    th: 'ส่งออกรายการลงทะเบียนเป็น PDF ไม่ได้ กรุณาเลือก CSV หรือ Excel',
    en: 'Enrolment rows cannot be exported as PDF. Choose CSV or Excel.',
    vi: 'Không thể xuất danh sách ghi danh dạng PDF. Hãy chọn CSV hoặc Excel.',
  },
  REPORT_EXPORT_OUT_OF_SCOPE: {
    th: 'ส่งออกได้เฉพาะรายวิชาที่คุณสอน',
    en: 'You can export only the courses you teach',
    vi: 'Bạn chỉ có thể xuất các khóa học mình giảng dạy',
  },
  REPORT_EXPORT_LINK_INVALID: {
    th: 'ลิงก์ดาวน์โหลดนี้ใช้ไม่ได้หรือหมดเวลาแล้ว กรุณากดดาวน์โหลดอีกครั้ง',
    en: 'This download link is not valid or has run out. Please select Download again.',
    vi: 'Liên kết tải xuống này không hợp lệ hoặc đã hết thời gian. Vui lòng bấm Tải xuống lần nữa.',
  },
  // Failed jobs (FailedJobsException, issue 12)
  JOB_FAILURE_NOT_FOUND: { th: 'ไม่พบงานที่ล้มเหลวนี้', en: 'Failed job not found', vi: 'Không tìm thấy tác vụ lỗi này' },
  JOB_FAILURE_NOT_OPEN: {
    th: 'งานนี้ถูกสั่งทำใหม่หรือปิดไปแล้ว',
    en: 'This job was already retried or dismissed',
    vi: 'Tác vụ này đã được chạy lại hoặc đã bỏ qua',
  },
  JOB_FAILURE_GONE: {
    th: 'งานนี้ไม่อยู่ในคิวแล้ว จึงสั่งทำใหม่ไม่ได้ ปิดรายการพร้อมระบุเหตุผลได้',
    en: 'This job is no longer in its queue, so it cannot be retried. You can dismiss it with a reason.',
    vi: 'Tác vụ này không còn trong hàng đợi nên không thể chạy lại. Bạn có thể bỏ qua kèm lý do.',
  },
  JOB_FAILURE_NOT_RETRYABLE: {
    th: 'อีเมลนี้อาจส่งถึงผู้รับแล้ว ระบบจึงไม่ส่งซ้ำ สอบถามผู้รับก่อน แล้วปิดรายการพร้อมระบุเหตุผล',
    en: 'This mail may already have reached its recipient, so it is not sent again. Ask the recipient, then dismiss it with a reason.',
    vi: 'Thư này có thể đã đến người nhận nên không được gửi lại. Hãy hỏi người nhận, rồi bỏ qua kèm lý do.',
  },
  JOB_QUEUE_UNAVAILABLE: {
    th: 'ติดต่อระบบคิวไม่ได้ในขณะนี้ ยังไม่มีการเปลี่ยนแปลงใด กรุณาลองใหม่',
    en: 'The job queue cannot be reached right now. Nothing was changed; please try again.',
    vi: 'Hiện không kết nối được hàng đợi tác vụ. Chưa có gì thay đổi; vui lòng thử lại.',
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
  isPin: { th: 'PIN ต้องเป็นตัวเลข 6 หลัก', en: 'must be exactly 6 digits', vi: 'phải gồm đúng 6 chữ số' },
  // Courses: dates and texts checked together
  endsAfterStart: { th: 'ต้องอยู่หลังเวลาเริ่ม', en: 'must be after the start', vi: 'phải sau thời điểm bắt đầu' },
  notBeforeStart: { th: 'ต้องไม่ก่อนวันเริ่ม', en: 'must not be before the start', vi: 'không được trước ngày bắt đầu' },
  notAfterEnd: { th: 'ต้องไม่หลังวันสิ้นสุดรายวิชา', en: 'must not be after the course ends', vi: 'không được sau ngày kết thúc khóa học' },
  notBeforeOpening: { th: 'ต้องไม่ก่อนวันเปิดรับสมัคร', en: 'must not be before enrollment opens', vi: 'không được trước ngày mở đăng ký' },
  courseLanguageText: {
    th: 'ต้องมีข้อความในภาษาที่ใช้สอน',
    en: 'is required in the language the course is taught in',
    vi: 'là bắt buộc bằng ngôn ngữ giảng dạy',
  },
  slugLocked: {
    th: 'เปลี่ยนไม่ได้หลังเผยแพร่แล้ว เพื่อให้ลิงก์ที่แชร์ไปยังใช้ได้',
    en: 'cannot change once the course was published, so shared links keep working',
    vi: 'không thể đổi sau khi đã xuất bản, để các liên kết đã chia sẻ vẫn dùng được',
  },
  quizOfCourse: { th: 'ต้องเป็นแบบทดสอบของรายวิชานี้', en: 'must be a quiz of this course', vi: 'phải là bài kiểm tra của khóa học này' },
  arrayUnique: { th: 'มีค่าซ้ำกัน', en: 'contains duplicates', vi: 'có giá trị trùng lặp' },
  arrayMaxSize: { th: 'มีรายการมากเกินไป', en: 'has too many items', vi: 'có quá nhiều mục' },
  arrayMinSize: { th: 'ต้องเลือกอย่างน้อยหนึ่งรายการ', en: 'needs at least one item', vi: 'cần ít nhất một mục' },
  isUrl: { th: 'ต้องเป็นลิงก์ที่ขึ้นต้นด้วย http:// หรือ https://', en: 'must be a link starting with http:// or https://', vi: 'phải là liên kết bắt đầu bằng http:// hoặc https://' },
  isDateString: { th: 'รูปแบบวันเวลาไม่ถูกต้อง', en: 'is not a valid date and time', vi: 'không phải là ngày giờ hợp lệ' },
  isDay: { th: 'ต้องเป็นวันที่ในรูปแบบ YYYY-MM-DD', en: 'must be a date written YYYY-MM-DD', vi: 'phải là ngày dạng YYYY-MM-DD' },
  isGuessablePin: {
    th: 'PIN นี้เดาง่ายเกินไป หลีกเลี่ยงตัวเลขซ้ำหรือเรียงกัน เช่น 000000 หรือ 123456',
    en: 'is too easy to guess: avoid repeated or consecutive digits such as 000000 or 123456',
    vi: 'quá dễ đoán: tránh các chữ số lặp lại hoặc liên tiếp như 000000 hay 123456',
  },
};

export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in params ? String(params[key]) : match));
}
