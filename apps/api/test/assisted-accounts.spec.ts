import { CARD_CODE_ALPHABET, isGuessablePin } from '@baanrian/contracts';
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { SignInCardCodes } from '../src/accounts/sign-in-card.codes';
import { RedisClient } from '../src/redis/redis.client';
import { useTestApi } from './api-app';
import { bearer, PASSWORD, refreshCookie, signIn, signUp, uniqueEmail } from './accounts-helpers';

const api = useTestApi();
// Several tests hash a few PINs with Argon2id (19 MiB each): allow for a busy machine.
jest.setTimeout(15_000);
const http = api.http;

const PIN = '480153';
let admin: string;
let instructor: { id: string; token: string };
let otherInstructor: string;
let learner: string;

beforeAll(async () => {
  const res = await http()
    .post('/api/v1/setup/admin')
    .send({ email: uniqueEmail('admin'), password: PASSWORD, displayName: 'Admin Ploy', preferredLocale: 'en' })
    .expect(201);
  admin = res.body.accessToken;
  const makeInstructor = async (name: string) => {
    const person = await signUp(http, { displayName: name });
    await http().put(`/api/v1/admin/users/${person.id}/roles/instructor`).set(bearer(admin)).expect(200);
    return { id: person.id, token: (await signIn(http, person.email)).accessToken };
  };
  instructor = await makeInstructor('Khru Lek');
  otherInstructor = (await makeInstructor('Khru Noi')).token;
  learner = (await signUp(http)).accessToken;
});

/** The dark modules an SVG from `qrcode` draws: rows of horizontal strokes ("M2 2.5h7m4 0h1…"), minus the margin. */
function drawnModules(svg: string): boolean[][] {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of d.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (command === 'M') [x, y] = [Number(a), Number(b)];
    else if (command === 'm') [x, y] = [x + Number(a), y + Number(b)];
    else for (let i = 0; i < Number(a); i++, x++) grid[Math.floor(y)][x] = true;
  }
  return grid.slice(2, -2).map((row) => row.slice(2, -2));
}

/** The QR symbol of a text, module by module, as the encoder builds it. */
function qrModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_r, row) => Array.from({ length: modules.size }, (_c, col) => Boolean(modules.get(row, col))));
}

interface Card {
  accountCode: string;
  oneTimeCode: string;
  signInUrl: string;
  qrSvg: string;
  expiresAt: string;
}

async function createAssisted(token = instructor.token, body: object = {}): Promise<{ id: string; card: Card; body: Record<string, unknown> }> {
  const res = await http()
    .post('/api/v1/assisted-accounts')
    .set(bearer(token))
    .send({ displayName: 'ยายบุญมี', preferredLocale: 'th', birthYear: 1950, province: 'น่าน', ...body })
    .expect(201);
  return { id: res.body.user.id, card: res.body.card, body: res.body };
}

const redeem = (accountCode: string, oneTimeCode: string) => http().post('/api/v1/auth/card').send({ accountCode, oneTimeCode });
const complete = (setupToken: string, secret = PIN, secretKind = 'pin') =>
  http().post('/api/v1/auth/card/complete').send({ setupToken, secretKind, secret });

async function setupToken(card: Card): Promise<string> {
  const res = await redeem(card.accountCode, card.oneTimeCode).expect(200);
  return res.body.setupToken;
}

async function finish(card: Card, secret = PIN, secretKind = 'pin') {
  return complete(await setupToken(card), secret, secretKind).expect(200);
}

describe('assisted sign-up', () => {
  it('lets an instructor create a learner without email or password, with a printable card', async () => {
    const { id, card, body } = await createAssisted();
    expect(body.user).toEqual({
      id,
      email: null,
      accountCode: card.accountCode,
      displayName: 'ยายบุญมี',
      roles: ['learner'],
      targetGroup: 'elderly',
      staffStatus: 'none',
      disabled: false,
      createdAt: expect.any(String),
      lastSignInAt: null,
    });
    expect(card.accountCode).toMatch(/^BR-\d{5}$/);
    expect(card.oneTimeCode).toMatch(new RegExp(`^[${CARD_CODE_ALPHABET}]{4}-[${CARD_CODE_ALPHABET}]{4}$`));
    const days = (new Date(card.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    // The QR code holds the sign-in URL, codes in the fragment (never sent to a server).
    expect(card.signInUrl).toMatch(/^http:\/\/[^/]+\/card#c=BR-\d{5}\.[0-9A-Z]{8}$/);
    expect(card.signInUrl.endsWith(`/card#c=${card.accountCode}.${card.oneTimeCode.replace('-', '')}`)).toBe(true);
    expect(card.qrSvg.trim()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"[^>]*>(<path [^>]*\/>)+<\/svg>$/);
    expect(drawnModules(card.qrSvg)).toEqual(qrModules(card.signInUrl));

    // Stored: no email, no password, the one-time code only as a keyed hash.
    const [user] = await api.db().query(`SELECT email, password_hash FROM app_user WHERE id = $1`, [id]);
    expect(user).toEqual({ email: null, password_hash: null });
    const cards = await api.db().query(`SELECT code_hash FROM sign_in_card WHERE user_id = $1`, [id]);
    expect(cards).toHaveLength(1);
    expect(cards[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(cards)).not.toContain(card.oneTimeCode.replace('-', ''));

    // Audited: who created whom.
    const audit = await http().get('/api/v1/admin/audit').set(bearer(admin)).expect(200);
    expect(audit.body.items.find((e: { targetId: string }) => e.targetId === id)).toMatchObject({
      action: 'assisted.create',
      actorId: instructor.id,
      actorName: 'Khru Lek',
      details: { accountCode: card.accountCode },
    });
  });

  it('signs the holder in with the card, once, with a PIN they then use to sign in with their account code', async () => {
    const { id, card } = await createAssisted();
    // Nothing to sign in with before the card is used.
    await http().post('/api/v1/auth/sign-in').send({ login: card.accountCode, password: PIN }).expect(401);

    // Typed by hand: lower case, spaces instead of dashes.
    const typed = card.oneTimeCode.toLowerCase().replace('-', ' ');
    const token = (await redeem(card.accountCode.toLowerCase(), typed).expect(200)).body.setupToken;
    const done = await complete(token).expect(200);
    expect(done.headers['cache-control']).toBe('no-store');
    expect(done.body.user).toMatchObject({ id, email: null, accountCode: card.accountCode, roles: ['learner'], targetGroup: 'elderly' });
    const cookie = refreshCookie(done);

    const me = await http().get('/api/v1/me').set(bearer(done.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ id, displayName: 'ยายบุญมี', province: 'น่าน' });
    await http().post('/api/v1/auth/sign-out').set('Cookie', cookie).expect(204);
    await http().post('/api/v1/auth/refresh').set('Cookie', cookie).expect(401);

    // The PIN was stored with Argon2id and works through the ordinary sign-in.
    const [user] = await api.db().query(`SELECT password_hash, last_sign_in_at FROM app_user WHERE id = $1`, [id]);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(user.last_sign_in_at).not.toBeNull();
    const again = await signIn(http, card.accountCode, PIN);
    expect(again.id).toBe(id);
    await http().get('/api/v1/me').set(bearer(again.accessToken)).expect(200);

    // The card is used up: neither the code nor the setup token works again.
    const reused = await redeem(card.accountCode, card.oneTimeCode).set('Accept-Language', 'en').expect(400);
    expect(reused.body).toMatchObject({ code: 'CARD_INVALID', status: 400 });
    expect((await complete(token, '730591').expect(400)).body.code).toBe('CARD_INVALID');
    await http().post('/api/v1/auth/sign-in').send({ login: card.accountCode, password: '730591' }).expect(401);
  });

  it('accepts a password instead of a PIN, with the sign-up rules', async () => {
    const { card } = await createAssisted();
    const token = await setupToken(card);
    const short = await complete(token, 'short', 'password').set('Accept-Language', 'en').expect(400);
    expect(short.body.errors).toEqual([{ field: 'secret', message: 'is too short' }]);
    await complete(token, 'a long enough password', 'password').expect(200);
    await signIn(http, card.accountCode, 'a long enough password');
  });

  it.each([
    ['th', 'PIN นี้เดาง่ายเกินไป หลีกเลี่ยงตัวเลขซ้ำหรือเรียงกัน เช่น 000000 หรือ 123456'],
    ['en', 'is too easy to guess: avoid repeated or consecutive digits such as 000000 or 123456'],
    ['vi', 'quá dễ đoán: tránh các chữ số lặp lại hoặc liên tiếp như 000000 hay 123456'],
  ])('refuses guessable PINs and PINs that are not 6 digits, in %s', async (locale, message) => {
    const { card } = await createAssisted();
    const token = await setupToken(card);
    for (const pin of ['000000', '123456', '987654', '121212']) {
      const res = await complete(token, pin).set('Accept-Language', locale).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'secret', message }] });
    }
    const short = await complete(token, '48015').set('Accept-Language', 'en').expect(400);
    expect(short.body.errors).toEqual([{ field: 'secret', message: 'must be exactly 6 digits' }]);
    // Refusals do not use up the card.
    await complete(token).expect(200);
  });

  it('knows which PINs are guessable', () => {
    for (const pin of ['000000', '999999', '123456', '234567', '890123', '654321', '210987', '121212', '123123', '112233', '159753']) {
      expect({ pin, guessable: isGuessablePin(pin) }).toEqual({ pin, guessable: true });
    }
    for (const pin of ['480153', '730591', '124578', '920364']) expect({ pin, guessable: isGuessablePin(pin) }).toEqual({ pin, guessable: false });
  });

  it('uses the card once even when two completions race', async () => {
    const { id, card } = await createAssisted();
    const [first, second] = [await setupToken(card), await setupToken(card)];
    const results = await Promise.all([complete(first, '480153'), complete(second, '730591'), complete(first, '924680')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400]);
    for (const loser of results.filter((r) => r.status === 400)) expect(loser.body.code).toBe('CARD_INVALID');
    const sessions = await api.db().query(`SELECT count(*)::int AS n FROM refresh_token WHERE user_id = $1`, [id]);
    expect(sessions[0].n).toBe(1);
    expect(results.find((r) => r.status === 200)?.body.user.id).toBe(id);
  });

  it('gives the same 400 for an expired card, a wrong code and an unknown account code', async () => {
    const { id, card } = await createAssisted();
    const wrongCode = (await redeem(card.accountCode, 'ABCD-EFGH').set('Accept-Language', 'vi').expect(400)).body;
    const unknown = (await redeem('BR-00001', card.oneTimeCode).set('Accept-Language', 'vi').expect(400)).body;
    const garbage = (await redeem('somebody', 'x').set('Accept-Language', 'vi').expect(400)).body;
    await api.db().query(`UPDATE sign_in_card SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [id]);
    const expired = (await redeem(card.accountCode, card.oneTimeCode).set('Accept-Language', 'vi').expect(400)).body;
    for (const body of [unknown, garbage, expired]) expect(body).toEqual({ ...wrongCode, requestId: body.requestId });
    expect(expired).toMatchObject({ code: 'CARD_INVALID', title: 'Mã trên thẻ không đúng, đã hết hạn hoặc đã được sử dụng. Hãy kiểm tra lại hoặc xin giáo viên thẻ mới.' });
  });

  it('refuses forged and expired setup tokens', async () => {
    const { card } = await createAssisted();
    const token = await setupToken(card);
    const [cardId, expiry, mac] = token.split('.');
    for (const forged of [`${cardId}.${Number(expiry) + 3600}.${mac}`, `${cardId}.${expiry}.${'A'.repeat(43)}`, 'not-a-token']) {
      expect((await complete(forged).expect(400)).body.code).toBe('CARD_INVALID');
    }    // A genuine token expires after 15 minutes.
    const stale = api.app().get(SignInCardCodes).issueSetupToken(cardId, Date.now() - 15 * 60_000 - 1000);
    expect((await complete(stale).expect(400)).body.code).toBe('CARD_INVALID');
    await complete(token).expect(200);
  });

  it('is for instructors and administrators only', async () => {
    const body = { displayName: 'Nobody', preferredLocale: 'en' };
    expect((await http().post('/api/v1/assisted-accounts').set(bearer(learner)).send(body).expect(403)).body.code).toBe('FORBIDDEN');
    await http().post('/api/v1/assisted-accounts').send(body).expect(401);
    const byAdmin = await createAssisted(admin, { displayName: 'Ông Tư', preferredLocale: 'vi', birthYear: undefined });
    expect(byAdmin.body.user).toMatchObject({ displayName: 'Ông Tư', targetGroup: 'general_public', email: null });
    // Unknown fields (an email, a password) are refused like everywhere else.
    await http().post('/api/v1/assisted-accounts').set(bearer(instructor.token)).send({ ...body, email: 'a@example.org' }).expect(400);
  });
});

describe('a new card', () => {
  const issue = (token: string, id: string, body: object = {}) => http().post(`/api/v1/admin/users/${id}/card`).set(bearer(token)).send(body);

  it('replaces a lost one at once, printed by the instructor who created the account or an administrator', async () => {
    const { id, card: lost } = await createAssisted();
    const oldToken = await setupToken(lost);
    expect((await issue(otherInstructor, id).expect(403)).body.code).toBe('FORBIDDEN');
    await issue(learner, id).expect(403);

    const res = await issue(instructor.token, id).expect(201);
    const fresh: Card = res.body.card;
    expect(res.body.user).toMatchObject({ id, accountCode: lost.accountCode });
    expect(fresh.accountCode).toBe(lost.accountCode);
    expect(fresh.oneTimeCode).not.toBe(lost.oneTimeCode);
    // The lost card and a setup token obtained with it are dead.
    expect((await redeem(lost.accountCode, lost.oneTimeCode).expect(400)).body.code).toBe('CARD_INVALID');
    expect((await complete(oldToken).expect(400)).body.code).toBe('CARD_INVALID');

    const byAdmin: Card = (await issue(admin, id).expect(201)).body.card;
    await redeem(fresh.accountCode, fresh.oneTimeCode).expect(400);
    await finish(byAdmin);
    const [live] = await api.db().query(`SELECT count(*)::int AS n FROM sign_in_card WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`, [id]);
    expect(live.n).toBe(0);
    const audit = await http().get('/api/v1/admin/audit').query({ limit: 100 }).set(bearer(admin)).expect(200);
    const issued = audit.body.items.filter((e: { action: string; targetId: string }) => e.action === 'assisted.card.issue' && e.targetId === id);
    expect(issued.map((e: { actorName: string; details: { replacedCard: boolean } }) => [e.actorName, e.details.replacedCard])).toEqual([
      ['Admin Ploy', true],
      ['Khru Lek', true],
    ]);
  });

  it('resets a chosen PIN only when asked to, ending the sessions', async () => {
    const { id, card } = await createAssisted();
    const signedIn = await finish(card);
    const cookie = refreshCookie(signedIn);

    const refused = await issue(instructor.token, id).set('Accept-Language', 'en').expect(409);
    expect(refused.body).toMatchObject({ code: 'CARD_SECRET_SET', title: expect.stringContaining('issue a card with reset') });
    await signIn(http, card.accountCode, PIN);

    const reset: Card = (await issue(instructor.token, id, { resetSecret: true }).expect(201)).body.card;
    await http().post('/api/v1/auth/sign-in').send({ login: card.accountCode, password: PIN }).expect(401);
    await http().post('/api/v1/auth/refresh').set('Cookie', cookie).expect(401);
    await finish(reset, '730591');
    await signIn(http, card.accountCode, '730591');
  });

  it('is not for accounts made otherwise, nor by an instructor once the account holds a staff role', async () => {
    const ordinary = await signUp(http);
    expect((await issue(admin, ordinary.id).expect(409)).body.code).toBe('NOT_ASSISTED_ACCOUNT');
    await issue(instructor.token, ordinary.id).expect(403);

    const { id } = await createAssisted();
    await http().put(`/api/v1/admin/users/${id}/roles/instructor`).set(bearer(admin)).expect(200);
    await issue(instructor.token, id).expect(403);
    // The body is optional.
    await http().post(`/api/v1/admin/users/${id}/card`).set(bearer(admin)).expect(201);
  });
});

describe('the list of assisted accounts', () => {
  it('shows instructors the accounts they created and administrators all, with what a reprint needs', async () => {
    const mine = await createAssisted(instructor.token, { displayName: 'ตาสมหวัง รายการ' });
    const theirs = await createAssisted(otherInstructor, { displayName: 'ยายสมใจ รายการ' });
    await finish(theirs.card);
    const list = (token: string, q = 'รายการ') => http().get('/api/v1/assisted-accounts').query({ q }).set(bearer(token));

    const own = (await list(instructor.token).expect(200)).body;
    expect(own).toEqual({
      total: 1,
      items: [
        {
          user: expect.objectContaining({ id: mine.id, accountCode: mine.card.accountCode, email: null }),
          createdById: instructor.id,
          createdByName: 'Khru Lek',
          secretSet: false,
          liveCardExpiresAt: mine.card.expiresAt,
        },
      ],
    });
    const all = (await list(admin).expect(200)).body;
    expect(all.items.map((i: { user: { displayName: string } }) => i.user.displayName)).toEqual(['ยายสมใจ รายการ', 'ตาสมหวัง รายการ']);
    expect(all.items[0]).toMatchObject({ secretSet: true, liveCardExpiresAt: null, createdByName: 'Khru Noi' });
    expect((await list(instructor.token, mine.card.accountCode.toLowerCase()).expect(200)).body.total).toBe(1);
    expect((await list(learner).expect(403)).body.code).toBe('FORBIDDEN');
  });
});

describe('signing in with an account code and a PIN', () => {
  it('is slowed down like any sign-in, and the count is kept for a day (docs/accounts.md: the maths of PIN guessing)', async () => {
    const { card } = await createAssisted();
    await finish(card);
    for (let i = 0; i < 5; i++) await http().post('/api/v1/auth/sign-in').send({ login: card.accountCode, password: '730591' }).expect(401);
    const limited = await http().post('/api/v1/auth/sign-in').send({ login: card.accountCode, password: PIN }).expect(429);
    expect(limited.headers['retry-after']).toBe('1');
    const redis = api.app().get(RedisClient);
    const key = `${redis.keyPrefix}rate:sign-in:account-code:${createHash('sha256').update(card.accountCode.toLowerCase()).digest('hex').slice(0, 32)}`;
    expect(await redis.client.pttl(key)).toBeGreaterThan(23 * 3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await signIn(http, card.accountCode, PIN);
  });
});

describe('rate limits on card codes', () => {
  it('slows down guessing one account code (429 with Retry-After), then lets the holder in', async () => {
    const { card } = await createAssisted();
    for (let i = 0; i < 5; i++) await redeem(card.accountCode, 'ABCD-EFGH').expect(400);
    const limited = await redeem(card.accountCode, 'ABCD-EFGH').set('Accept-Language', 'en').expect(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
    // Even the right code waits its turn; afterwards it works.
    await redeem(card.accountCode, card.oneTimeCode).expect(429);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await redeem(card.accountCode, card.oneTimeCode).expect(200);
  });

  it('slows down one address trying many account codes', async () => {
    // 30 free failures per address (earlier tests in this file used some), each on a new account code.
    const statuses: number[] = [];
    for (let i = 0; i <= 30 && !statuses.includes(429); i++) statuses.push((await redeem(`BR-${70000 + i}`, 'ABCD-EFGH')).status);
    expect(statuses.at(-1)).toBe(429);
    expect(new Set(statuses.slice(0, -1))).toEqual(new Set([400]));
  });
});
