import { useTestApi } from './api-app';
import { bearer } from './accounts-helpers';
import { type Person, setupPeople } from './courses-helpers';
import { addQuestion, newCourse } from './quizzes-helpers';

const api = useTestApi();
const http = api.http;

let teacher: Person;
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  teacher = (await setupPeople(http).then((p) => p.instructor())) as Person;
});

const importFile = (courseId: string, text: string, query: string) =>
  http().post(`/api/v1/studio/courses/${courseId}/question-imports?${query}`).set(bearer(teacher.token)).set('Content-Type', 'text/plain; charset=utf-8').send(text);
const countQuestions = async (courseId: string) => (await api.db().query(`SELECT count(*)::int AS n FROM question WHERE course_id = $1`, [courseId]))[0].n;
const exportGift = (courseId: string, query = '') => http().get(`/api/v1/studio/courses/${courseId}/questions.gift${query}`).set(bearer(teacher.token)).buffer(true).parse((res, done) => {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (c: string) => (text += c));
  res.on('end', () => done(null, text));
});

const MALFORMED = [
  '$CATEGORY: ภาษาไทย/วรรณยุกต์', // 1
  '', // 2
  '::tone1:: คำว่า "ไม้เอก" คือข้อใด? {=่ ~้ ~๊}', // 3
  '', // 4
  '::broken:: What is 2 + 2? {=4 ~5', // 5
  '', // 6
  '::num:: Pi to two decimals? {#abc}', // 7
  '', // 8
  '$CATEGORY: Tiếng Việt', // 9
  '', // 10
  'Hà Nội là thủ đô của Việt Nam. {T}', // 11
  '', // 12
].join('\n');

describe('GIFT and Aiken imports', () => {
  it('previews a malformed file with every problem by line and column and saves nothing; confirming saves the good questions and their categories', async () => {
    const course = await newCourse(http, teacher.token);
    const preview = await importFile(course, MALFORMED, 'format=gift').expect(200);
    expect(preview.body.importable).toBe(2);
    expect(preview.body.questions).toEqual([
      { line: 3, type: 'single_choice', name: 'tone1', stemPreview: 'คำว่า "ไม้เอก" คือข้อใด?', categoryPath: 'ภาษาไทย/วรรณยุกต์' },
      { line: 11, type: 'true_false', name: null, stemPreview: 'Hà Nội là thủ đô của Việt Nam.', categoryPath: 'Tiếng Việt' },
    ]);
    const errors = preview.body.issues.filter((i: { severity: string }) => i.severity === 'error');
    expect(errors.map((e: { line: number; column: number; code: string }) => [e.line, e.code])).toEqual([
      [5, 'brace_mismatch'],
      [7, 'numeric_not_number'],
    ]);
    for (const e of errors) expect(e.column).toBeGreaterThan(1);
    expect(await countQuestions(course)).toBe(0);
    expect(await api.db().query(`SELECT 1 FROM question_category WHERE course_id = $1`, [course])).toEqual([]);

    const confirmed = await importFile(course, MALFORMED, 'format=gift&confirm=true').expect(201);
    expect(confirmed.body).toEqual({ imported: 2, categoriesCreated: 2, skipped: 2 });
    const categories = (await http().get(`/api/v1/studio/courses/${course}/question-categories`).set(bearer(teacher.token)).expect(200)).body;
    expect(categories.map((c: { path: string; questionCount: number }) => [c.path, c.questionCount])).toEqual([['Tiếng Việt', 1], ['ภาษาไทย/วรรณยุกต์', 1]]);
  });

  it('never crashes on garbage: a preview answers, a confirm with nothing importable is 422 and saves nothing', async () => {
    const course = await newCourse(http, teacher.token);
    const garbage = ['{{{{', '}}}::', '::::', '\u0000\u0001{=', '$CATEGORY:', '~%999%x', '{#1..}', '\\', '{=a -> }'.repeat(50)].join('\n\n');
    const preview = await importFile(course, garbage, 'format=gift').expect(200);
    expect(preview.body.importable).toBe(0);
    expect(preview.body.issues.length).toBeGreaterThan(0);
    for (const issue of preview.body.issues) expect(issue).toEqual({ line: expect.any(Number), column: expect.any(Number), severity: expect.stringMatching(/^(error|warning)$/), code: expect.any(String), message: expect.any(String) });
    const refused = await importFile(course, garbage, 'format=gift&confirm=true').set('Accept-Language', 'th').expect(422);
    expect(refused.body.code).toBe('QUIZ_IMPORT_EMPTY');
    expect(refused.body.title).toContain('นำเข้า');
    expect(await countQuestions(course)).toBe(0);
    await importFile(course, 'x', 'format=docx').expect(400);
    await importFile(course, 'x'.repeat(2 * 1024 * 1024 + 1), 'format=gift').expect(413);
  });

  it('imports Aiken with its problems by line', async () => {
    const course = await newCourse(http, teacher.token);
    const aiken = ['ข้อใดเป็นผลไม้?', 'A. มะม่วง', 'B. ผักบุ้ง', 'ANSWER: A', '', 'Câu hỏi không có đáp án', 'A. Một', 'B. Hai', '', 'Which is red?', 'A) Blood', 'B) Grass', 'ANSWER: C', ''].join('\n');
    const preview = await importFile(course, aiken, 'format=aiken').expect(200);
    expect(preview.body.importable).toBe(1);
    expect(preview.body.issues.map((i: { line: number; code: string }) => [i.line, i.code])).toEqual([
      [6, 'answer_missing'],
      [13, 'answer_not_an_option'],
    ]);
    expect((await importFile(course, aiken, 'format=aiken&confirm=true').expect(201)).body.imported).toBe(1);
    const [q] = (await http().get(`/api/v1/studio/courses/${course}/questions`).set(bearer(teacher.token)).expect(200)).body.items;
    expect(q.definition.options.map((o: { text: { text: string }; weight: number }) => [o.text.text, o.weight])).toEqual([['มะม่วง', 1], ['ผักบุ้ง', 0]]);
  });
});

/** Every question type GIFT can hold, with Thai and Vietnamese, feedback, categories, media and HTML. */
async function fillBank(courseId: string) {
  const mediaId = (await http().post('/api/v1/media').set(bearer(teacher.token)).set('Content-Type', 'image/png').send(TINY_PNG).expect(201)).body.id;
  const t = (text: string, format = 'plain') => ({ text, format });
  const defs: [object, string?][] = [
    [{ type: 'single_choice', name: 'capital', stem: t('เมืองหลวงของไทย?'), points: 1, tags: ['geo'], media: { kind: 'image', mediaId, alt: 'แผนที่' },
      options: [{ text: t('กรุงเทพฯ'), weight: 1, feedback: t('ถูกต้อง') }, { text: t('เชียงใหม่'), weight: 0.5 }, { text: t('ภูเก็ต'), weight: 0 }], generalFeedback: t('กรุงเทพมหานคร') }, 'Địa lý/Châu Á'],
    [{ type: 'multiple_choice', stem: t('<p>Chọn <strong>số chẵn</strong></p>', 'html'), points: 2, tags: [],
      options: [{ text: t('2'), weight: 0.5 }, { text: t('4'), weight: 0.5 }, { text: t('3'), weight: -1 }] }, 'Địa lý/Châu Á'],
    [{ type: 'true_false', stem: t('Hà Nội là thủ đô'), points: 1, tags: ['vn'], correct: true, feedbackTrue: t('Đúng'), feedbackFalse: t('Sai') }, 'Toán'],
    [{ type: 'short_text', stem: t('สีของท้องฟ้า?'), points: 1, tags: [], answers: [{ text: 'ฟ้า', weight: 1 }, { text: 'น้ำเงิน*', weight: 0.5, feedback: t('เกือบถูก') }] }, 'Toán'],
    [{ type: 'numeric', stem: t('π ≈ ?'), points: 3, tags: [], answers: [{ match: { kind: 'value', value: 3.14, tolerance: 0.01 }, weight: 1 }, { match: { kind: 'range', min: 3, max: 4 }, weight: 0.5 }] }, 'Toán'],
    [{ type: 'matching', stem: t('จับคู่'), points: 1, tags: [], pairs: [{ prompt: t('แมว'), answer: 'cat' }, { prompt: t('หมา'), answer: 'dog' }], distractors: ['bird'] }],
    [{ type: 'essay', stem: t('Viết về gia đình bạn'), points: 5, tags: [] }],
    [{ type: 'short_text', blank: true, stem: t('Thủ đô _____ của Việt Nam.'), points: 1, tags: [], answers: [{ text: 'Hà Nội', weight: 1 }] }],
    [{ type: 'ordering', stem: t('Order'), points: 1, tags: [], items: [{ text: t('one') }, { text: t('two') }] }],
  ];
  for (const [definition, path] of defs) await addQuestion(http, teacher.token, courseId, definition, path);
}

/** A question as the bank holds it, without the ids a new bank gives anew. */
function comparable(q: { definition: Record<string, unknown>; categoryPath: string | null; tags: string[] }) {
  const { id: _id, ...rest } = q.definition;
  const stripIds = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(stripIds) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'id').map(([k, x]) => [k, stripIds(x)])) : v;
  return { definition: stripIds(rest), categoryPath: q.categoryPath };
}

describe('GIFT export', () => {
  it('round-trips through the API: export, import elsewhere, and the same questions come back', async () => {
    const source = await newCourse(http, teacher.token);
    const target = await newCourse(http, teacher.token);
    await fillBank(source);
    const exported = await exportGift(source).expect(200);
    expect(exported.headers['content-type']).toMatch(/^text\/plain; charset=utf-8/);
    expect(exported.headers['x-skipped-questions']).toBe('1');
    const text = exported.body as string;
    expect(text).toContain('$CATEGORY: Địa lý/Châu Á');

    const preview = await importFile(target, text, 'format=gift').expect(200);
    expect(preview.body.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
    expect((await importFile(target, text, 'format=gift&confirm=true').expect(201)).body).toMatchObject({ imported: 8, categoriesCreated: 2 });

    const all = async (courseId: string) => (await http().get(`/api/v1/studio/courses/${courseId}/questions?limit=100`).set(bearer(teacher.token)).expect(200)).body.items;
    const before = (await all(source)).filter((q: { type: string }) => q.type !== 'ordering').map(comparable);
    const after = (await all(target)).map(comparable);
    const key = (q: { definition: unknown }) => JSON.stringify(q.definition);
    expect([...after].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...before].sort((a, b) => key(a).localeCompare(key(b))));
    // And the second export is the first one with new ids.
    const again = (await exportGift(target).expect(200)).body as string;
    const noIds = (s: string) => s.replace(/\[id:[^\]]*\]/g, '[id]');
    expect(noIds(again).split('\n').sort()).toEqual(noIds(text).split('\n').sort());
  });

  it('exports one category with its sub-categories', async () => {
    const course = await newCourse(http, teacher.token);
    await fillBank(course);
    const categories = (await http().get(`/api/v1/studio/courses/${course}/question-categories`).set(bearer(teacher.token)).expect(200)).body;
    const toan = categories.find((c: { path: string }) => c.path === 'Toán');
    const text = (await exportGift(course, `?categoryId=${toan.id}`).expect(200)).body as string;
    expect(text).toContain('$CATEGORY: Toán');
    expect(text).not.toContain('Châu Á');
    expect(text.match(/\[id:/g)).toHaveLength(3);
  });
});
