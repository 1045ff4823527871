import type { LessonType } from '@baanrian/contracts';
import type { DemoCourse } from './demo-courses';

export interface DemoLesson {
  type: LessonType;
  title: string;
  durationMinutes: number;
  required: boolean;
  content: Record<string, unknown>;
}

export interface DemoModule {
  title: string;
  lessons: DemoLesson[];
}

const HOUR = 3_600_000;

// A real place in Chiang Mai, so the map link and address on the course page make sense.
const CHIANG_MAI_VENUE = {
  venue: 'ศูนย์การเรียนรู้ชุมชน องค์การบริหารส่วนจังหวัดเชียงใหม่',
  address: 'ถนนโชตนา ตำบลช้างเผือก อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่ 50300',
  mapUrl: 'https://www.openstreetmap.org/?mlat=18.8058&mlon=98.9866#map=17/18.8058/98.9866',
};

const text = (title: string, body: string): DemoLesson => ({ type: 'text', title, durationMinutes: 15, required: true, content: { body } });
// External video (no upload in the demo); captions omitted, a short transcript instead.
const video = (title: string): DemoLesson => ({
  type: 'video',
  title,
  durationMinutes: 10,
  required: true,
  content: { source: 'url', url: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ', captions: [], transcript: 'บทถอดความโดยย่อของวิดีโอนี้' },
});
const link = (title: string): DemoLesson => ({
  type: 'link',
  title,
  durationMinutes: 10,
  required: false,
  content: { url: 'https://www.chiangmaipao.go.th/', description: 'อ่านเพิ่มเติม (ไม่บังคับ)' },
});
const live = (title: string, startsAt: Date): DemoLesson => ({
  type: 'live_session',
  title,
  durationMinutes: 90,
  required: true,
  content: { meetingUrl: 'https://meet.jit.si/baanrian-demo-class', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 1.5 * HOUR).toISOString() },
});
const onsite = (title: string, startsAt: Date): DemoLesson => ({
  type: 'onsite_session',
  title,
  durationMinutes: 180,
  required: true,
  content: { ...CHIANG_MAI_VENUE, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3 * HOUR).toISOString(), capacity: 30 },
});

/** One to three modules per demo course, with the lesson types its format uses. */
export function demoOutline(course: DemoCourse, startsAt: Date | null): DemoModule[] {
  const intro = text('ยินดีต้อนรับและสิ่งที่จะได้เรียน', `## ยินดีต้อนรับ\n\nในรายวิชา **${course.title.th}** เราจะเรียนทีละขั้น ไม่ต้องรีบ\n\n- ดูวิดีโอ\n- ลองทำตาม\n- ถามผู้สอนได้เสมอ`);
  // Sessions at 09:30 Bangkok time (02:30 UTC) on the start day and a week later.
  const first = startsAt ? new Date(startsAt.getTime() + 2.5 * HOUR) : null;
  const later = first ? new Date(first.getTime() + 7 * 24 * HOUR) : null;
  switch (course.format) {
    case 'self_paced':
      return [
        { title: 'เริ่มต้น', lessons: [intro, video('วิดีโอแนะนำ')] },
        { title: 'ลงมือทำ', lessons: [text('แบบฝึกหัดที่บ้าน', 'ลองทำตามขั้นตอนในวิดีโอ แล้วจดสิ่งที่สังเกตได้'), link('แหล่งเรียนรู้เพิ่มเติม')] },
      ];
    case 'online_class':
      return [
        { title: 'ก่อนเข้าเรียน', lessons: [intro, video('เตรียมอุปกรณ์ให้พร้อม')] },
        { title: 'เรียนสดออนไลน์', lessons: [live('ห้องเรียนสด ครั้งที่ 1', first as Date), live('ห้องเรียนสด ครั้งที่ 2', later as Date)] },
      ];
    case 'onsite_workshop':
      return [{ title: 'เวิร์กช็อปที่ศูนย์การเรียนรู้', lessons: [intro, onsite('ฝึกปฏิบัติที่ศูนย์การเรียนรู้', first as Date)] }];
    case 'blended':
      return [
        { title: 'เรียนด้วยตนเอง', lessons: [intro, video('ภาพรวมของห้องเรียนดิจิทัล')] },
        { title: 'เรียนสดออนไลน์', lessons: [live('ออกแบบบทเรียนร่วมกัน', first as Date)] },
        { title: 'พบกันที่เชียงใหม่', lessons: [onsite('นำเสนอผลงานและแลกเปลี่ยน', later as Date), link('คู่มือประกอบการอบรม')] },
      ];
  }
}
