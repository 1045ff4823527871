import type { CourseFormat, LocalizedText, TargetGroup } from '@baanrian/contracts';

export interface DemoCourse {
  slug: string;
  title: LocalizedText;
  summary: LocalizedText;
  targetGroups: TargetGroup[];
  format: CourseFormat;
  categorySlug: string;
  /** Days from the seed's "now" to the start; null for self-paced courses (undated). */
  startsInDays: number | null;
}

export interface DemoCategory {
  slug: string;
  name: LocalizedText;
}

export const DEMO_CATEGORIES: DemoCategory[] = [
  { slug: 'digital-skills', name: { th: 'ทักษะดิจิทัล', en: 'Digital skills', vi: 'Kỹ năng số' } },
  { slug: 'family-learning', name: { th: 'เรียนรู้ในครอบครัว', en: 'Family learning', vi: 'Học cùng gia đình' } },
  { slug: 'health', name: { th: 'สุขภาพ', en: 'Health', vi: 'Sức khỏe' } },
  { slug: 'arts-and-culture', name: { th: 'ศิลปะและวัฒนธรรม', en: 'Arts and culture', vi: 'Nghệ thuật và văn hóa' } },
  { slug: 'livelihoods', name: { th: 'อาชีพและรายได้', en: 'Livelihoods', vi: 'Sinh kế' } },
  { slug: 'teaching', name: { th: 'การสอน', en: 'Teaching', vi: 'Giảng dạy' } },
];

/** Demo catalog: at least one published course for each of the five target groups. */
export const DEMO_COURSES: DemoCourse[] = [
  {
    slug: 'storytime-with-family',
    title: { th: 'นิทานก่อนนอนกับครอบครัว', en: 'Bedtime stories with the family', vi: 'Kể chuyện trước giờ ngủ cùng gia đình' },
    summary: {
      th: 'กิจกรรมอ่านนิทานและร้องเพลงสำหรับเด็กปฐมวัยที่เรียนร่วมกับผู้ปกครอง',
      en: 'Reading and singing activities for young children learning with a parent or guardian.',
      vi: 'Hoạt động đọc truyện và hát cho trẻ nhỏ học cùng cha mẹ hoặc người giám hộ.',
    },
    targetGroups: ['early_childhood'],
    format: 'self_paced',
    categorySlug: 'family-learning',
    startsInDays: null,
  },
  {
    slug: 'play-and-learn-numbers',
    title: { th: 'เล่นสนุกกับตัวเลข', en: 'Play and learn with numbers', vi: 'Vui học cùng những con số' },
    summary: {
      th: 'เกมนับเลขง่าย ๆ ที่ผู้ปกครองทำร่วมกับลูกได้ที่บ้าน',
      en: 'Simple counting games a guardian can play with a child at home.',
      vi: 'Trò chơi đếm số đơn giản cha mẹ có thể chơi cùng con tại nhà.',
    },
    targetGroups: ['early_childhood'],
    format: 'online_class',
    categorySlug: 'family-learning',
    startsInDays: -420,
  },
  {
    slug: 'coding-for-youth',
    title: { th: 'เขียนโปรแกรมเบื้องต้นสำหรับเยาวชน', en: 'First steps in coding for youth', vi: 'Lập trình cơ bản cho thanh thiếu niên' },
    summary: {
      th: 'เรียนรู้การคิดเชิงคำนวณและสร้างเกมง่าย ๆ ด้วยบล็อกคำสั่ง',
      en: 'Computational thinking and a first game built with code blocks.',
      vi: 'Tư duy máy tính và trò chơi đầu tiên bằng các khối lệnh.',
    },
    targetGroups: ['youth'],
    format: 'online_class',
    categorySlug: 'digital-skills',
    startsInDays: 21,
  },
  {
    slug: 'lanna-crafts-workshop',
    title: { th: 'เวิร์กช็อปงานหัตถกรรมล้านนา', en: 'Lanna crafts workshop', vi: 'Hội thảo thủ công Lanna' },
    summary: {
      th: 'ฝึกทำโคมล้านนาและตุงกับช่างฝีมือในชุมชน ณ ศูนย์การเรียนรู้',
      en: 'Make Lanna lanterns and flags with local artisans at the learning centre.',
      vi: 'Làm đèn lồng và cờ Lanna cùng nghệ nhân địa phương tại trung tâm học tập.',
    },
    targetGroups: ['youth', 'general_public'],
    format: 'onsite_workshop',
    categorySlug: 'arts-and-culture',
    startsInDays: -150,
  },
  {
    slug: 'online-selling-basics',
    title: { th: 'ขายของออนไลน์สำหรับผู้เริ่มต้น', en: 'Selling online for beginners', vi: 'Bán hàng trực tuyến cho người mới bắt đầu' },
    summary: {
      th: 'ถ่ายภาพสินค้า เขียนคำบรรยาย และรับชำระเงินอย่างปลอดภัย',
      en: 'Photograph products, write descriptions and take payments safely.',
      vi: 'Chụp ảnh sản phẩm, viết mô tả và nhận thanh toán an toàn.',
    },
    targetGroups: ['general_public'],
    format: 'self_paced',
    categorySlug: 'livelihoods',
    startsInDays: null,
  },
  {
    slug: 'digital-classroom-for-teachers',
    title: { th: 'ห้องเรียนดิจิทัลสำหรับครู', en: 'The digital classroom for teachers', vi: 'Lớp học số dành cho giáo viên' },
    summary: {
      th: 'ออกแบบบทเรียนออนไลน์และแบบทดสอบสำหรับบุคลากรทางการศึกษาและเจ้าหน้าที่ อบจ.',
      en: 'Design online lessons and quizzes, for education personnel and PAO staff.',
      vi: 'Thiết kế bài học và bài kiểm tra trực tuyến cho cán bộ giáo dục và nhân viên.',
    },
    targetGroups: ['education_staff'],
    format: 'blended',
    categorySlug: 'teaching',
    startsInDays: 45,
  },
  {
    slug: 'smartphone-for-seniors',
    title: { th: 'ใช้สมาร์ตโฟนอย่างมั่นใจสำหรับผู้สูงอายุ', en: 'Smartphones with confidence for seniors', vi: 'Tự tin dùng điện thoại thông minh cho người cao tuổi' },
    summary: {
      th: 'วิดีโอคอลกับลูกหลาน อ่านข่าว และรู้ทันมิจฉาชีพทางโทรศัพท์',
      en: 'Video-call the family, read the news and spot phone scams.',
      vi: 'Gọi video cho con cháu, đọc tin tức và nhận biết lừa đảo qua điện thoại.',
    },
    targetGroups: ['elderly'],
    format: 'online_class',
    categorySlug: 'digital-skills',
    startsInDays: 10,
  },
  {
    slug: 'healthy-ageing-at-home',
    title: { th: 'ดูแลสุขภาพผู้สูงวัยที่บ้าน', en: 'Healthy ageing at home', vi: 'Chăm sóc sức khỏe người cao tuổi tại nhà' },
    summary: {
      th: 'ออกกำลังกายเบา ๆ อาหารที่เหมาะสม และการป้องกันการหกล้ม',
      en: 'Gentle exercise, good food and preventing falls.',
      vi: 'Tập thể dục nhẹ nhàng, ăn uống hợp lý và phòng ngừa té ngã.',
    },
    targetGroups: ['elderly', 'general_public'],
    format: 'self_paced',
    categorySlug: 'health',
    startsInDays: null,
  },
];
