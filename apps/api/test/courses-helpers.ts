import { bearer, type Http, signIn, signUp, uniqueEmail, PASSWORD } from './accounts-helpers';

export interface Person {
  id: string;
  email: string;
  token: string;
}

/** An administrator (through first-run setup) and a way to make instructors and learners. */
export async function setupPeople(http: Http): Promise<{ admin: Person; instructor: () => Promise<Person>; learner: () => Promise<Person> }> {
  const email = uniqueEmail('admin');
  const res = await http().post('/api/v1/setup/admin').send({ email, password: PASSWORD, displayName: 'ผู้ดูแล', preferredLocale: 'th' }).expect(201);
  const admin = { id: res.body.user.id as string, email, token: res.body.accessToken as string };
  const learner = async (): Promise<Person> => {
    const person = await signUp(http);
    return { id: person.id, email: person.email, token: person.accessToken };
  };
  const instructor = async (): Promise<Person> => {
    const person = await signUp(http, { displayName: `ครู ${uniqueEmail('t').slice(0, 8)}` });
    await http().put(`/api/v1/admin/users/${person.id}/roles/instructor`).set(bearer(admin.token)).expect(200);
    return { id: person.id, email: person.email, token: (await signIn(http, person.email)).accessToken };
  };
  return { admin, instructor, learner };
}

export const NEW_COURSE = {
  title: { th: 'การใช้คอมพิวเตอร์เบื้องต้นสำหรับผู้สูงอายุ', en: 'Computers for seniors' },
  summary: { th: 'เปิดเครื่อง ใช้เมาส์ และส่งอีเมลฉบับแรก' },
  description: { th: '## เนื้อหา\n\nเรียน **ทีละขั้น**' },
  language: 'th',
  targetGroups: ['elderly'],
  format: 'self_paced',
};

export async function createCourse(http: Http, token: string, overrides: Record<string, unknown> = {}) {
  const res = await http().post('/api/v1/studio/courses').set(bearer(token)).send({ ...NEW_COURSE, ...overrides }).expect(201);
  return res.body as { id: string; slug: string; draftRevision: number; status: string; modules: unknown[] };
}

export async function addModule(http: Http, token: string, courseId: string, title = 'บทที่ 1'): Promise<string> {
  const res = await http().post(`/api/v1/studio/courses/${courseId}/modules`).set(bearer(token)).send({ title }).expect(201);
  return res.body.id;
}

export async function addTextLesson(http: Http, token: string, moduleId: string, title = 'บทนำ', body = 'สวัสดี'): Promise<string> {
  const res = await http().post(`/api/v1/studio/modules/${moduleId}/lessons`).set(bearer(token)).send({ type: 'text', title, content: { body } }).expect(201);
  return res.body.id;
}

/** A course with one module and one text lesson, ready to publish. */
export async function publishableCourse(http: Http, token: string, overrides: Record<string, unknown> = {}) {
  const course = await createCourse(http, token, overrides);
  const moduleId = await addModule(http, token, course.id);
  const lessonId = await addTextLesson(http, token, moduleId);
  return { ...course, moduleId, lessonId };
}

export async function publish(http: Http, token: string, courseId: string, status = 200) {
  return http().post(`/api/v1/studio/courses/${courseId}/publish`).set(bearer(token)).expect(status);
}
