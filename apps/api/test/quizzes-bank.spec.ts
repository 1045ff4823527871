import { useTestApi } from './api-app';
import { bearer } from './accounts-helpers';
import { type Person, setupPeople } from './courses-helpers';
import { addQuestion, newCourse, SHORT, SINGLE, TRUE_FALSE } from './quizzes-helpers';

const api = useTestApi();
const http = api.http;

let teacher: Person;
let stranger: Person;
let courseId: string;
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  const people = await setupPeople(http);
  teacher = await people.instructor();
  stranger = await people.instructor();
  courseId = await newCourse(http, teacher.token);
});

const upload = async (token: string) => (await http().post('/api/v1/media').set(bearer(token)).set('Content-Type', 'image/png').send(TINY_PNG).expect(201)).body.id as string;

describe('the question bank', () => {
  it('creates, reads, edits and deletes a question, giving the question and its options ids', async () => {
    const created = await addQuestion(http, teacher.token, courseId, SINGLE, 'ภูมิศาสตร์/ประเทศไทย');
    expect(created.definition.id).toBe(created.id);
    expect(created.definition.options?.every((o) => /^[0-9a-f-]{36}$/.test(o.id))).toBe(true);
    expect(created).toMatchObject({ type: 'single_choice', categoryPath: 'ภูมิศาสตร์/ประเทศไทย', tags: ['geography'], keyRevision: 1, usedInQuizzes: 0 });

    const read = await http().get(`/api/v1/studio/questions/${created.id}`).set(bearer(teacher.token)).expect(200);
    expect(read.body.definition).toEqual(created.definition);

    const edited = await http()
      .put(`/api/v1/studio/questions/${created.id}`)
      .set(bearer(teacher.token))
      .send({ keyRevision: 1, categoryPath: 'ภูมิศาสตร์', definition: { ...created.definition, stem: { text: 'เมืองหลวงของไทย?', format: 'plain' } } })
      .expect(200);
    expect(edited.body).toMatchObject({ categoryPath: 'ภูมิศาสตร์', keyRevision: 1, regrades: [] });
    expect(edited.body.definition.stem.text).toBe('เมืองหลวงของไทย?');

    await http().delete(`/api/v1/studio/questions/${created.id}`).set(bearer(teacher.token)).expect(204);
    await http().get(`/api/v1/studio/questions/${created.id}`).set(bearer(teacher.token)).expect(404);
  });

  it('refuses an unusable question with 422 and the reasons, titled in the reader\'s language', async () => {
    const bad = { ...SINGLE, stem: { text: '  ', format: 'plain' }, options: [{ text: { text: 'only', format: 'plain' }, weight: 0.5 }] };
    const titles: Record<string, string> = {};
    for (const lang of ['th', 'en', 'vi']) {
      const res = await http().post(`/api/v1/studio/courses/${courseId}/questions`).set(bearer(teacher.token)).set('Accept-Language', lang).send({ definition: bad }).expect(422);
      expect(res.body.code).toBe('QUIZ_QUESTION_INVALID');
      expect(res.body.reasons).toEqual(expect.arrayContaining(['stem_empty', 'too_few_options', 'no_full_credit_option']));
      titles[lang] = res.body.title;
    }
    expect(titles.th).toContain('คำถาม');
    expect(titles.en).toContain('question');
    expect(titles.vi).toContain('Câu hỏi');
    const missing = await http().post(`/api/v1/studio/courses/${courseId}/questions`).set(bearer(teacher.token)).send({ definition: { ...TRUE_FALSE, correct: undefined } }).expect(422);
    expect(missing.body.reasons).toContain('missing_field:correct');
  });

  it('refuses unknown fields, in nested answers too', async () => {
    const res = await http().post(`/api/v1/studio/courses/${courseId}/questions`).set(bearer(teacher.token)).set('Accept-Language', 'en')
      .send({ definition: { ...SHORT, answers: [{ text: 'x', weight: 1, script: 'x' }] } })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('definition.answers.0.script');
    await http().post(`/api/v1/studio/courses/${courseId}/questions`).set(bearer(teacher.token)).send({ definition: { ...SINGLE, isCorrect: true } }).expect(400);
  });

  it('never stores unsafe HTML: html stems are sanitised, other formats lose raw tags', async () => {
    const html = await addQuestion(http, teacher.token, courseId, {
      ...TRUE_FALSE,
      stem: { text: '<p onclick="steal()">ดวงอาทิตย์<script>alert(1)</script><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">link</a></p>', format: 'html' },
    });
    const stem = (html.definition.stem as { text: string }).text;
    expect(stem).toContain('ดวงอาทิตย์');
    expect(stem).not.toMatch(/script|onerror|onclick|javascript:/i);
    const md = await addQuestion(http, teacher.token, courseId, { ...TRUE_FALSE, stem: { text: '**bold** <iframe src="https://evil"></iframe>', format: 'markdown' } });
    expect((md.definition.stem as { text: string }).text).toBe('**bold**');
  });

  it('accepts pictures and sounds the course\'s instructors uploaded, images only with alt text', async () => {
    const own = await upload(teacher.token);
    const theirs = await upload(stranger.token);
    const ask = (media: object) => http().post(`/api/v1/studio/courses/${courseId}/questions`).set(bearer(teacher.token)).send({ definition: { ...SINGLE, media } });
    const ok = await ask({ kind: 'image', mediaId: own, alt: 'แผนที่ประเทศไทย' }).expect(201);
    expect(ok.body.definition.media).toEqual({ kind: 'image', mediaId: own, alt: 'แผนที่ประเทศไทย' });
    expect((await ask({ kind: 'image', mediaId: own }).expect(422)).body.reasons).toContain('image_alt_missing');
    expect((await ask({ kind: 'image', mediaId: theirs, alt: 'x' }).expect(422)).body).toMatchObject({ code: 'QUIZ_MEDIA_INVALID', reason: 'media_not_usable' });
    expect((await ask({ kind: 'audio', mediaId: own, alt: 'x' }).expect(422)).body).toMatchObject({ code: 'QUIZ_MEDIA_INVALID', reason: 'media_kind_mismatch' });
    expect((await ask({ kind: 'image', mediaId: '00000000-0000-4000-8000-000000000000', alt: 'x' }).expect(422)).body.code).toBe('QUIZ_MEDIA_INVALID');
  });

  it('filters by category (with sub-categories), tag, type and words, and pages without skipping or repeating', async () => {
    const course = await newCourse(http, teacher.token);
    await addQuestion(http, teacher.token, course, SINGLE, 'Grammar');
    await addQuestion(http, teacher.token, course, SHORT, 'Grammar/Tones');
    await addQuestion(http, teacher.token, course, TRUE_FALSE, 'Grammarian');
    await addQuestion(http, teacher.token, course, { ...TRUE_FALSE, stem: { text: '50% of 100_000 is 50000', format: 'plain' } });
    await addQuestion(http, teacher.token, course, { ...SHORT, tags: ['vietnam'] });
    const list = async (query: string) => (await http().get(`/api/v1/studio/courses/${course}/questions?${query}`).set(bearer(teacher.token)).expect(200)).body;
    const categories = (await http().get(`/api/v1/studio/courses/${course}/question-categories`).set(bearer(teacher.token)).expect(200)).body;
    expect(categories.map((c: { path: string; questionCount: number }) => [c.path, c.questionCount])).toEqual([['Grammar', 1], ['Grammar/Tones', 1], ['Grammarian', 1]]);
    const grammar = categories[0].id;
    expect((await list(`categoryId=${grammar}`)).items.map((i: { type: string }) => i.type)).toEqual(['single_choice', 'short_text']);
    expect((await list('tag=vietnam')).items).toHaveLength(2);
    expect((await list('type=true_false')).items).toHaveLength(2);
    expect((await list('q=' + encodeURIComponent('100_000'))).items).toHaveLength(1);
    expect((await list('q=' + encodeURIComponent('%'))).items).toHaveLength(1);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('keeps categories unique per course; deleting one leaves its questions uncategorised', async () => {
    const course = await newCourse(http, teacher.token);
    const made = await http().post(`/api/v1/studio/courses/${course}/question-categories`).set(bearer(teacher.token)).send({ path: 'Đọc hiểu/Bài 1' }).expect(201);
    await http().post(`/api/v1/studio/courses/${course}/question-categories`).set(bearer(teacher.token)).send({ path: 'Đọc hiểu/Bài 1' }).expect(409);
    await http().post(`/api/v1/studio/courses/${course}/question-categories`).set(bearer(teacher.token)).send({ path: 'bad//path' }).expect(400);
    const q = await addQuestion(http, teacher.token, course, SINGLE, 'Đọc hiểu/Bài 1');
    expect(q.categoryId).toBe(made.body.id);
    await http().delete(`/api/v1/studio/question-categories/${made.body.id}`).set(bearer(teacher.token)).expect(204);
    const after = await http().get(`/api/v1/studio/questions/${q.id}`).set(bearer(teacher.token)).expect(200);
    expect(after.body).toMatchObject({ categoryId: null, categoryPath: null });
  });

  it("shows another instructor's bank to nobody but its course's instructors", async () => {
    const q = await addQuestion(http, teacher.token, courseId, SINGLE);
    await http().get(`/api/v1/studio/courses/${courseId}/questions`).set(bearer(stranger.token)).expect(403);
    await http().get(`/api/v1/studio/questions/${q.id}`).set(bearer(stranger.token)).expect(403);
    await http().put(`/api/v1/studio/questions/${q.id}`).set(bearer(stranger.token)).send({ keyRevision: 1, definition: SINGLE }).expect(403);
    await http().post(`/api/v1/studio/courses/${courseId}/question-imports?format=gift`).set(bearer(stranger.token)).set('Content-Type', 'text/plain').send('Q{T}').expect(403);
  });
});
