import { DEFAULT_LOCALE } from '@baanrian/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { SetupAdminDto } from './account.dto';
import { AccountsException } from './accounts.exception';
import { hashPassword } from './password-hash';
import { createAdminAccount } from './user-accounts';

const USAGE = 'create-admin [--email EMAIL] [--name "DISPLAY NAME"] [--locale th|en|vi]; the password is prompted for, or read from stdin';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value. Usage: ${USAGE}`);
  return value;
}

/** Asks on the terminal; `hidden` answers (passwords) are not echoed. */
async function ask(question: string, hidden = false): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, encoding, callback) {
      if (!muted) process.stdout.write(chunk, encoding);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = rl.question(question);
    muted = hidden;
    return (await answer).trim();
  } finally {
    rl.close();
    if (hidden) process.stdout.write('\n');
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

/**
 * `node dist/apps/api/cli.js create-admin`: the operator's way to the first administrator (or
 * another one, e.g. after losing access). Interactive on a terminal; otherwise flags plus the
 * password on stdin, for scripts: `echo "$PASSWORD" | … create-admin --email a@b.org --name Admin`.
 */
export async function createAdminCommand(db: DataSource, args: string[]): Promise<string> {
  const interactive = Boolean(process.stdin.isTTY);
  const email = flag(args, 'email') ?? (interactive ? await ask('Email: ') : undefined);
  const displayName = flag(args, 'name') ?? (interactive ? await ask('Display name: ') : undefined);
  const preferredLocale = flag(args, 'locale') ?? DEFAULT_LOCALE;
  let password: string;
  if (interactive) {
    password = await ask('Password (8 to 128 characters): ', true);
    if ((await ask('Password again: ', true)) !== password) throw new Error('The passwords do not match.');
  } else {
    password = await readStdin();
  }
  const input = plainToInstance(SetupAdminDto, { email, displayName, preferredLocale, password });
  const errors = validateSync(input, { whitelist: true });
  if (errors.length > 0) {
    const problems = errors.map((e) => Object.values(e.constraints ?? {})[0] ?? `${e.property} is invalid`);
    throw new Error(`Cannot create the administrator: ${problems.join('; ')}. Usage: ${USAGE}`);
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const { user } = await db.transaction((manager) =>
      createAdminAccount(manager, { email: input.email, displayName: input.displayName, preferredLocale: input.preferredLocale, passwordHash }, 'cli.create-admin'),
    );
    return `Created administrator ${user.email} (account code ${user.accountCode}). Sign in at the portal.`;
  } catch (error) {
    if (error instanceof AccountsException && error.code === 'EMAIL_TAKEN') throw new Error(`An account with the email ${input.email} already exists.`);
    throw error;
  }
}
