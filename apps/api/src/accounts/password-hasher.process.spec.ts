import { readFileSync } from 'node:fs';
import { hashPassword, verifyPassword } from './password-hash';
import { PasswordHasherProcess } from './password-hasher.process';

/** The nice value of a process, from /proc (field 19 of stat). */
function niceness(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

describe('PasswordHasherProcess', () => {
  const hasher = new PasswordHasherProcess();
  afterAll(() => hasher.close());

  it('hashes and verifies with the same argon2id parameters as the API', async () => {
    const hash = await hasher.hash('รหัสผ่านยาวพอ 2026');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await hasher.verify(hash, 'รหัสผ่านยาวพอ 2026')).toBe(true);
    expect(await hasher.verify(hash, 'wrong password')).toBe(false);
    // Interchangeable with in-process hashes (the CLI and seed hash in process).
    expect(await verifyPassword(hash, 'รหัสผ่านยาวพอ 2026')).toBe(true);
    expect(await hasher.verify(await hashPassword('from the cli'), 'from the cli')).toBe(true);
  });

  it('treats a malformed stored hash as a failed check, not an error', async () => {
    expect(await hasher.verify('not-a-hash', 'anything')).toBe(false);
  });

  it('runs at a lower priority than the API, so sign-in storms yield the CPU to other requests', async () => {
    const pid = hasher.pid();
    expect(pid).toBeDefined();
    await hasher.hash('warm up');
    expect(niceness(pid as number)).toBe(niceness(process.pid) + 10);
  });

  it('answers concurrent requests each with its own result', async () => {
    const passwords = ['หนึ่ง-one-1', 'hai-hai-2', 'สาม-three-3', 'bốn-bốn-4'];
    const hashes = await Promise.all(passwords.map((p) => hasher.hash(p)));
    const checks = await Promise.all(hashes.map((h, i) => hasher.verify(h, passwords[(i + 1) % passwords.length])));
    expect(checks).toEqual([false, false, false, false]);
    expect(await Promise.all(hashes.map((h, i) => hasher.verify(h, passwords[i])))).toEqual([true, true, true, true]);
  });

  it('starts a new child when the old one dies, failing only what was in flight', async () => {
    const first = hasher.pid() as number;
    const inFlight = hasher.hash('in flight when killed');
    process.kill(first, 'SIGKILL');
    await expect(inFlight).rejects.toThrow('stopped');
    const hash = await hasher.hash('after the crash');
    expect(hasher.pid()).not.toBe(first);
    expect(await hasher.verify(hash, 'after the crash')).toBe(true);
  });
});
