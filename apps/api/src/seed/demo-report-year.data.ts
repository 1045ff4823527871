import type { CourseFormat, LocalizedText, ReachChannel, TargetGroup } from '@baanrian/contracts';

/**
 * The past fiscal year of a programme like Chiang Mai PAO's FY 2566 (issue 10, item 9): 35 online
 * classes and 5 onsite workshops, 1,876 online learners and 116 workshop participants, 2,478
 * participations (enrolments) in all, and 17,852 reach recorded from social media. Figures per
 * target group are ours; the totals are the programme's.
 */
export interface YearGroupFigures {
  /** Distinct learners with an online enrolment. */
  online: number;
  /** Online enrolments (some learners take two or three classes). */
  onlineEnrollments: number;
  /** Distinct workshop participants (one workshop each; all attended). */
  onsite: number;
  /** Of the workshop participants, how many also learn online. */
  both: number;
}

export const YEAR_GROUP_FIGURES: Record<TargetGroup, YearGroupFigures> = {
  early_childhood: { online: 180, onlineEnrollments: 216, onsite: 18, both: 4 },
  youth: { online: 420, onlineEnrollments: 536, onsite: 26, both: 4 },
  general_public: { online: 610, onlineEnrollments: 760, onsite: 28, both: 4 },
  education_staff: { online: 286, onlineEnrollments: 380, onsite: 20, both: 4 },
  elderly: { online: 380, onlineEnrollments: 470, onsite: 24, both: 4 },
};

/** The headline figures, as the fiscal-year summary shows them for the seeded year. */
export const YEAR_FIGURES = {
  classesOnline: 35,
  classesOnsite: 5,
  learnersOnline: 1_876,
  learnersOnsite: 116,
  /** 1,876 + 116 − 20 people who did both. */
  learners: 1_972,
  enrollments: 2_478,
  enrollmentsOnline: 2_362,
  enrollmentsOnsite: 116,
  reachRecorded: 17_852,
} as const;

export interface YearCourse {
  /** Unique within the year; the slug is `fy<year>-<key>`. */
  key: string;
  group: TargetGroup;
  format: Extract<CourseFormat, 'online_class' | 'self_paced' | 'onsite_workshop'>;
  categorySlug: string;
  title: LocalizedText;
}

const c = (key: string, group: TargetGroup, format: YearCourse['format'], categorySlug: string, th: string, en: string, vi: string): YearCourse => ({
  key,
  group,
  format,
  categorySlug,
  title: { th, en, vi },
});

/** Seven online classes and one workshop per target group. */
export const YEAR_COURSES: readonly YearCourse[] = [
  c('lanna-tales', 'early_childhood', 'online_class', 'family-learning', 'นิทานพื้นบ้านล้านนาสำหรับเด็กเล็ก', 'Lanna folk tales for little ones', 'Truyện dân gian Lanna cho trẻ nhỏ'),
  c('kham-mueang-songs', 'early_childhood', 'self_paced', 'family-learning', 'ร้องเพลงคำเมืองกับลูก', 'Singing in Kham Mueang with your child', 'Hát tiếng Kham Mueang cùng con'),
  c('bedtime-stories', 'early_childhood', 'online_class', 'family-learning', 'เล่านิทานก่อนนอนให้ลูกติดใจ', 'Bedtime stories your child will love', 'Kể chuyện trước giờ ngủ để con thích'),
  c('home-made-toys', 'early_childhood', 'self_paced', 'family-learning', 'ของเล่นจากวัสดุเหลือใช้', 'Toys from things at home', 'Đồ chơi từ vật liệu tái chế'),
  c('little-hands', 'early_childhood', 'online_class', 'family-learning', 'ฝึกกล้ามเนื้อมือด้วยการปั้นและตัด', 'Small hands: modelling and cutting', 'Rèn đôi tay qua nặn và cắt'),
  c('safe-snacks', 'early_childhood', 'self_paced', 'health', 'อาหารว่างปลอดภัยสำหรับเด็กปฐมวัย', 'Safe snacks for young children', 'Bữa phụ an toàn cho trẻ mầm non'),
  c('ready-for-kindergarten', 'early_childhood', 'online_class', 'family-learning', 'เตรียมลูกให้พร้อมก่อนเข้าอนุบาล', 'Getting ready for kindergarten', 'Chuẩn bị cho con vào mẫu giáo'),
  c('family-art-workshop', 'early_childhood', 'onsite_workshop', 'arts-and-culture', 'เวิร์กช็อปศิลปะเด็กกับผู้ปกครอง', 'Art workshop for children and guardians', 'Hội thảo mỹ thuật cho trẻ và phụ huynh'),

  c('scratch-first-game', 'youth', 'online_class', 'digital-skills', 'สร้างเกมแรกด้วย Scratch', 'Your first game in Scratch', 'Trò chơi đầu tiên với Scratch'),
  c('tourism-english', 'youth', 'online_class', 'livelihoods', 'ภาษาอังกฤษเพื่อการท่องเที่ยวเชียงใหม่', 'English for Chiang Mai tourism', 'Tiếng Anh du lịch Chiang Mai'),
  c('fake-news', 'youth', 'self_paced', 'digital-skills', 'รู้ทันข่าวปลอมบนโซเชียล', 'Spotting fake news online', 'Nhận biết tin giả trên mạng xã hội'),
  c('phone-video-editing', 'youth', 'online_class', 'digital-skills', 'ตัดต่อวิดีโอสั้นด้วยมือถือ', 'Editing short videos on a phone', 'Dựng video ngắn trên điện thoại'),
  c('phone-photography', 'youth', 'self_paced', 'arts-and-culture', 'ถ่ายภาพสวยด้วยสมาร์ตโฟน', 'Smartphone photography', 'Chụp ảnh đẹp bằng điện thoại'),
  c('entrance-maths', 'youth', 'online_class', 'teaching', 'ติวคณิตศาสตร์เข้ามหาวิทยาลัย', 'University entrance maths', 'Ôn thi đại học: Toán'),
  c('career-guidance', 'youth', 'self_paced', 'livelihoods', 'อาชีพในฝัน: แนะแนวสำหรับวัยรุ่น', 'Dream jobs: guidance for teenagers', 'Nghề mơ ước: hướng nghiệp cho tuổi teen'),
  c('robotics-workshop', 'youth', 'onsite_workshop', 'digital-skills', 'เวิร์กช็อปหุ่นยนต์เบื้องต้น', 'Robotics starter workshop', 'Hội thảo robot cơ bản'),

  c('line-oa-selling', 'general_public', 'online_class', 'livelihoods', 'ขายของออนไลน์ผ่าน LINE OA', 'Selling through a LINE Official Account', 'Bán hàng qua LINE OA'),
  c('household-accounts', 'general_public', 'self_paced', 'livelihoods', 'บัญชีครัวเรือนและการออม', 'Household accounts and saving', 'Sổ sách gia đình và tiết kiệm'),
  c('hill-coffee', 'general_public', 'online_class', 'livelihoods', 'กาแฟดอยเชียงใหม่: จากไร่สู่แก้ว', 'Chiang Mai hill coffee: farm to cup', 'Cà phê vùng cao Chiang Mai: từ nông trại đến tách'),
  c('organic-garden', 'general_public', 'self_paced', 'livelihoods', 'ปลูกผักอินทรีย์ที่บ้าน', 'Organic vegetables at home', 'Trồng rau hữu cơ tại nhà'),
  c('first-aid-cpr', 'general_public', 'online_class', 'health', 'ปฐมพยาบาลเบื้องต้นและการทำ CPR', 'First aid and CPR', 'Sơ cứu và hồi sức tim phổi'),
  c('chinese-for-traders', 'general_public', 'online_class', 'livelihoods', 'ภาษาจีนสำหรับพ่อค้าแม่ค้า', 'Chinese for small traders', 'Tiếng Trung cho người buôn bán'),
  c('digital-government', 'general_public', 'self_paced', 'digital-skills', 'ใช้แอปบริการภาครัฐอย่างปลอดภัย', 'Government apps, safely', 'Dùng ứng dụng dịch vụ công an toàn'),
  c('weaving-indigo-workshop', 'general_public', 'onsite_workshop', 'arts-and-culture', 'เวิร์กช็อปผ้าทอและย้อมคราม', 'Weaving and indigo dyeing workshop', 'Hội thảo dệt vải và nhuộm chàm'),

  c('online-quizzes', 'education_staff', 'online_class', 'teaching', 'ออกแบบแบบทดสอบออนไลน์', 'Designing online quizzes', 'Thiết kế bài kiểm tra trực tuyến'),
  c('teaching-with-video', 'education_staff', 'self_paced', 'teaching', 'สอนด้วยวิดีโอสั้น', 'Teaching with short videos', 'Dạy học bằng video ngắn'),
  c('flipped-classroom', 'education_staff', 'online_class', 'teaching', 'ห้องเรียนกลับด้าน', 'The flipped classroom', 'Lớp học đảo ngược'),
  c('pdpa-for-offices', 'education_staff', 'self_paced', 'teaching', 'PDPA สำหรับสถานศึกษาและ อบจ.', 'PDPA for schools and PAO offices', 'PDPA cho trường học và cơ quan'),
  c('ai-lesson-planning', 'education_staff', 'online_class', 'teaching', 'ใช้ AI ช่วยเตรียมการสอน', 'Using AI to prepare lessons', 'Dùng AI chuẩn bị bài giảng'),
  c('assessment-for-learning', 'education_staff', 'online_class', 'teaching', 'การวัดผลเพื่อพัฒนาผู้เรียน', 'Assessment for learning', 'Đánh giá vì sự tiến bộ của người học'),
  c('e-documents', 'education_staff', 'self_paced', 'digital-skills', 'งานสารบรรณอิเล็กทรอนิกส์', 'Electronic document management', 'Quản lý văn bản điện tử'),
  c('lanna-materials-workshop', 'education_staff', 'onsite_workshop', 'teaching', 'เวิร์กช็อปผลิตสื่อการสอนล้านนา', 'Lanna teaching-materials workshop', 'Hội thảo làm học liệu Lanna'),

  c('family-video-calls', 'elderly', 'online_class', 'digital-skills', 'วิดีโอคอลหาลูกหลาน', 'Video calls with the family', 'Gọi video cho con cháu'),
  c('phone-scams', 'elderly', 'online_class', 'digital-skills', 'รู้ทันมิจฉาชีพทางโทรศัพท์', 'Spotting phone scams', 'Nhận biết lừa đảo qua điện thoại'),
  c('gentle-exercise', 'elderly', 'self_paced', 'health', 'ออกกำลังกายเบา ๆ ที่บ้าน', 'Gentle exercise at home', 'Tập thể dục nhẹ nhàng tại nhà'),
  c('qr-payments', 'elderly', 'online_class', 'digital-skills', 'จ่ายเงินด้วยคิวอาร์โค้ด', 'Paying by QR code', 'Thanh toán bằng mã QR'),
  c('food-for-ageing', 'elderly', 'self_paced', 'health', 'อาหารสำหรับผู้สูงวัย', 'Food for healthy ageing', 'Dinh dưỡng cho người cao tuổi'),
  c('lanna-herbs', 'elderly', 'online_class', 'health', 'สมุนไพรล้านนาใกล้ตัว', 'Lanna herbs close to home', 'Thảo dược Lanna quanh nhà'),
  c('hospital-app', 'elderly', 'self_paced', 'health', 'นัดหมอออนไลน์ด้วยแอปโรงพยาบาล', 'Booking a doctor with the hospital app', 'Đặt lịch khám qua ứng dụng bệnh viện'),
  c('bamboo-basketry-workshop', 'elderly', 'onsite_workshop', 'arts-and-culture', 'เวิร์กช็อปจักสานไม้ไผ่', 'Bamboo basketry workshop', 'Hội thảo đan lát tre'),
];

/** Fiscal month (0 = October) of each group's workshop: one every other month from December. */
export const WORKSHOP_MONTH: Record<TargetGroup, number> = { general_public: 2, youth: 4, elderly: 6, early_childhood: 8, education_staff: 10 };

export interface YearCampaign {
  channel: ReachChannel;
  /** Fiscal month (0 = October), first day of the month, and length in days. */
  month: number;
  day: number;
  days: number;
  /** A course key of YEAR_COURSES, or null for the programme as a whole. */
  courseKey: string | null;
  impressions: number | null;
  reach: number;
  note: string;
}

/** Recorded reach (Facebook insights, LINE OA statistics, …); the reach sums to 17,852. */
export const YEAR_CAMPAIGNS: readonly YearCampaign[] = [
  { channel: 'facebook', month: 0, day: 5, days: 26, courseKey: null, impressions: 5_120, reach: 2_430, note: 'โพสต์เปิดรับสมัครชั้นเรียนออนไลน์ประจำปี' },
  { channel: 'line', month: 0, day: 10, days: 10, courseKey: null, impressions: 1_650, reach: 1_180, note: 'บรอดแคสต์ LINE OA' },
  { channel: 'facebook', month: 2, day: 1, days: 14, courseKey: 'scratch-first-game', impressions: 2_940, reach: 1_365, note: '' },
  { channel: 'tiktok', month: 3, day: 8, days: 21, courseKey: 'phone-video-editing', impressions: 6_480, reach: 2_046, note: 'คลิปสั้นตัวอย่างผลงานผู้เรียน' },
  { channel: 'facebook', month: 2, day: 20, days: 10, courseKey: 'weaving-indigo-workshop', impressions: 3_010, reach: 1_512, note: '' },
  { channel: 'radio', month: 5, day: 1, days: 28, courseKey: null, impressions: null, reach: 900, note: 'สปอตวิทยุชุมชน (ประมาณการผู้ฟัง)' },
  { channel: 'line', month: 5, day: 12, days: 7, courseKey: 'qr-payments', impressions: 1_020, reach: 764, note: '' },
  { channel: 'youtube', month: 6, day: 3, days: 30, courseKey: null, impressions: 2_560, reach: 1_287, note: 'วิดีโอแนะนำโครงการ' },
  { channel: 'facebook', month: 7, day: 2, days: 14, courseKey: 'ai-lesson-planning', impressions: 2_230, reach: 1_106, note: '' },
  { channel: 'print', month: 7, day: 10, days: 30, courseKey: null, impressions: null, reach: 450, note: 'โปสเตอร์ที่ศูนย์การเรียนรู้ชุมชน' },
  { channel: 'line', month: 8, day: 1, days: 10, courseKey: null, impressions: 1_390, reach: 985, note: 'บรอดแคสต์ LINE OA' },
  { channel: 'facebook', month: 9, day: 6, days: 14, courseKey: 'lanna-herbs', impressions: 2_480, reach: 1_214, note: '' },
  { channel: 'website', month: 10, day: 1, days: 30, courseKey: null, impressions: 1_150, reach: 693, note: 'ข่าวบนเว็บไซต์ อบจ.' },
  { channel: 'facebook', month: 11, day: 1, days: 20, courseKey: null, impressions: 4_050, reach: 1_920, note: 'สรุปผลโครงการประจำปี' },
];

/** The 25 districts of Chiang Mai, weighted roughly by population. */
export const CHIANG_MAI_DISTRICTS: readonly (readonly [string, number])[] = [
  ['เมืองเชียงใหม่', 18], ['สันทราย', 9], ['หางดง', 8], ['สารภี', 7], ['สันกำแพง', 6], ['แม่ริม', 6], ['ดอยสะเก็ด', 5],
  ['สันป่าตอง', 5], ['ฝาง', 4], ['จอมทอง', 3], ['แม่แตง', 3], ['แม่อาย', 2], ['พร้าว', 2], ['เชียงดาว', 2], ['ฮอด', 2],
  ['ไชยปราการ', 2], ['แม่วาง', 2], ['ดอยหล่อ', 2], ['แม่ออน', 1], ['สะเมิง', 1], ['อมก๋อย', 1], ['แม่แจ่ม', 1],
  ['ดอยเต่า', 1], ['เวียงแหง', 1], ['กัลยาณิวัฒนา', 1],
];

/** Given names; shown with a surname initial only ("อรทัย ก."), so no demo learner looks like a real person. */
export const GIVEN_NAMES: readonly string[] = [
  'อรทัย', 'สมศรี', 'บุญมี', 'ประเสริฐ', 'วันเพ็ญ', 'สุดา', 'ชัยวัฒน์', 'อนุชา', 'กาญจนา', 'ศรีนวล', 'จันทร์เพ็ญ', 'ธนพล',
  'ปิยะนุช', 'สุริยา', 'นงลักษณ์', 'วิไลวรรณ', 'ธีรศักดิ์', 'พิมพ์ชนก', 'ณัฐวุฒิ', 'กัญญารัตน์', 'สมบัติ', 'บัวคำ', 'คำปัน', 'แสงเดือน',
  'ศุภชัย', 'รัตนา', 'เกศินี', 'ภานุวัฒน์', 'อำพร', 'ทองใบ', 'ปวีณา', 'จิราพร', 'สายสุนีย์', 'มานพ', 'อัมพร', 'พรทิพย์',
  'ดวงใจ', 'วีระพงษ์', 'เพ็ญศรี', 'ชนิดา', 'อุดม', 'นิตยา', 'ศักดิ์ชัย', 'บุษบา', 'ยุพิน', 'ทิพวรรณ', 'เอกชัย', 'ลำดวน',
];
export const CHILD_NAMES: readonly string[] = ['ข้าวหอม', 'ปลายฟ้า', 'น้ำขิง', 'ภูผา', 'ใบเตย', 'ต้นกล้า', 'มะปราง', 'ขุนเขา', 'ดาวเหนือ', 'พิมพ์ดาว', 'ข้าวปั้น', 'ชมพู่'];
export const ELDER_TITLES: readonly string[] = ['ป้า', 'ลุง', 'แม่อุ๊ย', 'พ่ออุ๊ย', 'ยาย', 'ตา'];
export const SURNAME_INITIALS: readonly string[] = ['ก.', 'ข.', 'ค.', 'จ.', 'ช.', 'ด.', 'ต.', 'ท.', 'น.', 'บ.', 'ป.', 'พ.', 'ม.', 'ย.', 'ร.', 'ล.', 'ว.', 'ศ.', 'ส.', 'อ.'];
