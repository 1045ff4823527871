import type { TargetGroup } from '@baanrian/contracts';

/** Word lists for realistic bench data: names, places and course titles of a Chiang Mai programme. */

export const PROVINCE = 'เชียงใหม่';

/** Ten districts (amphoe) of Chiang Mai, weighted roughly by population. */
export const DISTRICTS: readonly (readonly [string, number])[] = [
  ['เมืองเชียงใหม่', 24],
  ['สันทราย', 13],
  ['หางดง', 9],
  ['สันกำแพง', 8],
  ['แม่ริม', 8],
  ['สารภี', 8],
  ['ดอยสะเก็ด', 7],
  ['ฝาง', 9],
  ['จอมทอง', 6],
  ['แม่แตง', 8],
];

export const THAI_GIVEN = [
  'สมชาย', 'สมศรี', 'สุดา', 'ประเสริฐ', 'วิไล', 'อรุณ', 'บุญมี', 'จันทร์เพ็ญ', 'สุรชัย', 'กัลยา', 'ธนพล', 'ปิยะนุช',
  'ณัฐวุฒิ', 'พิมพ์ชนก', 'กิตติพงษ์', 'ศิริพร', 'อนุชา', 'รัตนา', 'ชัยวัฒน์', 'มาลี', 'ทองคำ', 'บัวผัน', 'แสงเดือน', 'คำแปง',
  'ศรีนวล', 'อินทร', 'ปัณณวัฒน์', 'ธิดารัตน์', 'วรวุฒิ', 'นภัสสร', 'จิราพร', 'เกศินี', 'ภูมิ', 'ขวัญใจ', 'ดวงใจ', 'พรทิพย์',
];

export const THAI_FAMILY = [
  'ใจดี', 'แก้วมณี', 'ศรีสุข', 'บุญเรือง', 'ทองดี', 'คำมูล', 'อินต๊ะ', 'ปัญญาวงศ์', 'สุวรรณรัตน์', 'ณ เชียงใหม่', 'ไชยวงค์',
  'กันทะวงศ์', 'จันทร์แก้ว', 'ธรรมวงศ์', 'วงศ์ใหญ่', 'มูลคำ', 'ศรีวิชัย', 'ปินตา', 'ยาวิชัย', 'อุ่นเรือน', 'สมบูรณ์ชัย', 'เรือนคำ',
  'พรหมมินทร์', 'ดวงแก้ว', 'ชัยมงคล', 'ตาคำ', 'นันทวงศ์', 'บุญมา', 'สิทธิวงศ์', 'คำปัน',
];

export const VIETNAMESE_FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
export const VIETNAMESE_MIDDLE = ['Văn', 'Thị', 'Minh', 'Hữu', 'Ngọc', 'Đức', 'Thanh', 'Quốc'];
export const VIETNAMESE_GIVEN = [
  'An', 'Bình', 'Chi', 'Dũng', 'Hà', 'Hải', 'Hạnh', 'Hoa', 'Hùng', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Phương', 'Quang',
  'Thảo', 'Trang', 'Tuấn', 'Yến', 'Đạt', 'Hương', 'Khánh', 'Việt',
];

/** Share of learners per target group, and the birth years that place someone in it. */
export const TARGET_GROUP_MIX: readonly (readonly [TargetGroup, number])[] = [
  ['general_public', 40],
  ['youth', 20],
  ['elderly', 20],
  ['early_childhood', 10],
  ['education_staff', 10],
];

export const BIRTH_YEARS: Record<TargetGroup, readonly [number, number]> = {
  early_childhood: [2019, 2023],
  youth: [2005, 2014],
  general_public: [1967, 2004],
  education_staff: [1966, 2000],
  elderly: [1938, 1966],
};

/** Course topics: Thai, with the Vietnamese and English title of the same course. */
export const TOPICS: readonly { th: string; vi: string; en: string; tags: string[]; category: string }[] = [
  { th: 'การใช้คอมพิวเตอร์', vi: 'Sử dụng máy tính', en: 'Using a computer', tags: ['ดิจิทัล', 'คอมพิวเตอร์'], category: 'digital' },
  { th: 'การใช้สมาร์ตโฟนอย่างปลอดภัย', vi: 'Dùng điện thoại thông minh an toàn', en: 'Using a smartphone safely', tags: ['ดิจิทัล', 'สมาร์ตโฟน'], category: 'digital' },
  { th: 'การรู้เท่าทันข่าวปลอมและมิจฉาชีพออนไลน์', vi: 'Nhận biết tin giả và lừa đảo trực tuyến', en: 'Spotting fake news and online scams', tags: ['ดิจิทัล', 'ความปลอดภัย'], category: 'digital' },
  { th: 'การทำบัญชีครัวเรือน', vi: 'Ghi chép chi tiêu gia đình', en: 'Household bookkeeping', tags: ['การเงิน'], category: 'finance' },
  { th: 'การออมและการวางแผนการเงิน', vi: 'Tiết kiệm và lập kế hoạch tài chính', en: 'Saving and financial planning', tags: ['การเงิน'], category: 'finance' },
  { th: 'ภาษาอังกฤษเพื่อการสื่อสาร', vi: 'Tiếng Anh giao tiếp', en: 'English for communication', tags: ['ภาษา', 'ภาษาอังกฤษ'], category: 'language' },
  { th: 'ภาษาจีนเพื่อการท่องเที่ยว', vi: 'Tiếng Trung du lịch', en: 'Chinese for tourism', tags: ['ภาษา', 'ท่องเที่ยว'], category: 'language' },
  { th: 'ภาษาไทยสำหรับชาวต่างชาติ', vi: 'Tiếng Thái cho người nước ngoài', en: 'Thai for foreigners', tags: ['ภาษา', 'ภาษาไทย'], category: 'language' },
  { th: 'การปลูกผักปลอดสารพิษ', vi: 'Trồng rau sạch', en: 'Growing pesticide-free vegetables', tags: ['เกษตร'], category: 'agriculture' },
  { th: 'เกษตรอินทรีย์และการทำปุ๋ยหมัก', vi: 'Nông nghiệp hữu cơ và ủ phân', en: 'Organic farming and composting', tags: ['เกษตร', 'อินทรีย์'], category: 'agriculture' },
  { th: 'การแปรรูปผลผลิตทางการเกษตร', vi: 'Chế biến nông sản', en: 'Processing farm produce', tags: ['เกษตร', 'อาชีพ'], category: 'agriculture' },
  { th: 'การทอผ้าและงานหัตถกรรมล้านนา', vi: 'Dệt vải và thủ công Lanna', en: 'Lanna weaving and handicrafts', tags: ['อาชีพ', 'ล้านนา'], category: 'vocation' },
  { th: 'การทำขนมไทยเพื่อจำหน่าย', vi: 'Làm bánh Thái để bán', en: 'Thai desserts to sell', tags: ['อาชีพ', 'อาหาร'], category: 'vocation' },
  { th: 'การขายสินค้าออนไลน์', vi: 'Bán hàng trực tuyến', en: 'Selling online', tags: ['อาชีพ', 'ดิจิทัล'], category: 'vocation' },
  { th: 'การนวดแผนไทยเพื่อสุขภาพ', vi: 'Xoa bóp Thái vì sức khỏe', en: 'Thai massage for health', tags: ['สุขภาพ', 'อาชีพ'], category: 'health' },
  { th: 'การดูแลสุขภาพผู้สูงอายุ', vi: 'Chăm sóc sức khỏe người cao tuổi', en: 'Caring for older people', tags: ['สุขภาพ'], category: 'health' },
  { th: 'โภชนาการและอาหารปลอดภัย', vi: 'Dinh dưỡng và an toàn thực phẩm', en: 'Nutrition and food safety', tags: ['สุขภาพ', 'อาหาร'], category: 'health' },
  { th: 'การปฐมพยาบาลเบื้องต้นและการช่วยฟื้นคืนชีพ', vi: 'Sơ cứu và hồi sinh tim phổi', en: 'First aid and CPR', tags: ['สุขภาพ', 'ความปลอดภัย'], category: 'health' },
  { th: 'การส่งเสริมพัฒนาการเด็กปฐมวัย', vi: 'Phát triển trẻ mầm non', en: 'Early childhood development', tags: ['ครอบครัว', 'เด็ก'], category: 'family' },
  { th: 'นิทานและการอ่านกับลูก', vi: 'Đọc truyện cùng con', en: 'Reading with your child', tags: ['ครอบครัว', 'การอ่าน'], category: 'family' },
  { th: 'การสอนออนไลน์สำหรับครู', vi: 'Dạy học trực tuyến cho giáo viên', en: 'Teaching online for teachers', tags: ['ครู', 'ดิจิทัล'], category: 'teaching' },
  { th: 'การวัดและประเมินผลการเรียนรู้', vi: 'Đánh giá kết quả học tập', en: 'Assessing learning', tags: ['ครู'], category: 'teaching' },
  { th: 'กฎหมายในชีวิตประจำวัน', vi: 'Pháp luật trong đời sống', en: 'Everyday law', tags: ['กฎหมาย'], category: 'civics' },
  { th: 'การคัดแยกขยะและสิ่งแวดล้อมชุมชน', vi: 'Phân loại rác và môi trường cộng đồng', en: 'Waste sorting and the local environment', tags: ['สิ่งแวดล้อม'], category: 'civics' },
  { th: 'การป้องกันไฟป่าและหมอกควัน', vi: 'Phòng cháy rừng và khói mù', en: 'Preventing forest fires and haze', tags: ['สิ่งแวดล้อม', 'ความปลอดภัย'], category: 'civics' },
];

export const LEVELS = [
  { th: 'เบื้องต้น', vi: 'cơ bản', en: 'basics' },
  { th: 'ขั้นกลาง', vi: 'trung cấp', en: 'intermediate' },
  { th: 'ฉบับเข้าใจง่าย', vi: 'dễ hiểu', en: 'made simple' },
];

export const AUDIENCES: Record<TargetGroup, { th: string; vi: string; en: string }> = {
  early_childhood: { th: 'สำหรับผู้ปกครองเด็กปฐมวัย', vi: 'cho phụ huynh trẻ mầm non', en: 'for parents of young children' },
  youth: { th: 'สำหรับเยาวชน', vi: 'cho thanh thiếu niên', en: 'for young people' },
  general_public: { th: 'สำหรับประชาชนทั่วไป', vi: 'cho mọi người', en: 'for everyone' },
  education_staff: { th: 'สำหรับครูและบุคลากรทางการศึกษา', vi: 'cho giáo viên', en: 'for teachers' },
  elderly: { th: 'สำหรับผู้สูงอายุ', vi: 'cho người cao tuổi', en: 'for older people' },
};

export const CATEGORIES: readonly { slug: string; th: string; en: string; vi: string }[] = [
  { slug: 'digital', th: 'ทักษะดิจิทัล', en: 'Digital skills', vi: 'Kỹ năng số' },
  { slug: 'finance', th: 'การเงิน', en: 'Money', vi: 'Tài chính' },
  { slug: 'language', th: 'ภาษา', en: 'Languages', vi: 'Ngoại ngữ' },
  { slug: 'agriculture', th: 'เกษตร', en: 'Farming', vi: 'Nông nghiệp' },
  { slug: 'vocation', th: 'อาชีพ', en: 'Vocational', vi: 'Nghề nghiệp' },
  { slug: 'health', th: 'สุขภาพ', en: 'Health', vi: 'Sức khỏe' },
  { slug: 'family', th: 'ครอบครัว', en: 'Family', vi: 'Gia đình' },
  { slug: 'teaching', th: 'ครูและการสอน', en: 'Teaching', vi: 'Giảng dạy' },
  { slug: 'civics', th: 'ชุมชนและสังคม', en: 'Community', vi: 'Cộng đồng' },
];

export const VENUES = [
  'ศูนย์ส่งเสริมการเรียนรู้อำเภอเมืองเชียงใหม่',
  'ห้องสมุดประชาชนอำเภอสันทราย',
  'ศาลาอเนกประสงค์เทศบาลตำบลหางดง',
  'ศูนย์การเรียนรู้ชุมชนบ้านแม่ริม',
  'โรงเรียนผู้สูงอายุตำบลสันกำแพง',
];
