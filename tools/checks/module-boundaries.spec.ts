/**
 * Proves that the root eslint.config.mjs enforces the project boundaries
 * (@nx/enforce-module-boundaries, driven by the project.json tags) and that
 * the real code in apps/, libs/ and migrations/ respects them.
 */
import type * as EslintModule from 'eslint';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

process.env.NX_DAEMON = 'false';
process.env.NX_NO_CLOUD = 'true';

const repoRoot = path.resolve(__dirname, '../..');
const RULE = '@nx/enforce-module-boundaries';

/**
 * ESLint loads eslint.config.mjs with a native dynamic `import()`, which Jest's
 * module sandbox refuses without --experimental-vm-modules. Loading ESLint
 * through Node's own require (not Jest's) makes it behave exactly as the CLI.
 */
function loadEslint(): typeof EslintModule {
  const getBuiltinModule = (
    process as unknown as { getBuiltinModule?: (id: string) => unknown }
  ).getBuiltinModule;
  if (typeof getBuiltinModule !== 'function') {
    throw new Error(
      `process.getBuiltinModule is missing (Node ${process.version}); Node >= 20.16 is required`,
    );
  }
  // Jest gives tests a copy of process.env; Nx (loaded natively below) reads
  // the real one, so set the flags there too.
  const realProcess = getBuiltinModule('node:process') as NodeJS.Process;
  realProcess.env.NX_DAEMON = 'false';
  realProcess.env.NX_NO_CLOUD = 'true';
  const nodeModule = getBuiltinModule('node:module') as typeof import('node:module');
  const nativeRequire = nodeModule.createRequire(path.join(repoRoot, 'package.json'));
  return nativeRequire('eslint') as typeof EslintModule;
}

type LintMessage = EslintModule.Linter.LintMessage;

const { ESLint } = loadEslint();
let eslint: InstanceType<typeof ESLint>;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function lint(relativeFile: string, code: string): Promise<LintMessage[]> {
  const filePath = path.join(repoRoot, relativeFile);
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  // A file outside the config (or ignored) would silently lint clean.
  expect(result.messages.filter((m) => /ignored/i.test(m.message))).toEqual([]);
  return result.messages;
}

const boundaryMessages = (messages: LintMessage[]) =>
  messages.filter((m) => m.ruleId === RULE);

describe('eslint.config.mjs: @nx/enforce-module-boundaries', () => {
  it('is an error for app and lib sources', async () => {
    for (const file of [
      'apps/portal/src/app/boundary-probe.tsx',
      'apps/api/src/boundary-probe.ts',
      'libs/contracts/src/boundary-probe.ts',
    ]) {
      const config = await eslint.calculateConfigForFile(path.join(repoRoot, file));
      const setting = config?.rules?.[RULE];
      const severity = Array.isArray(setting) ? setting[0] : setting;
      expect([2, 'error']).toContain(severity);
    }
  });

  it('(a) reports a portal (scope:client) file importing @baanrian/db (scope:server)', async () => {
    const messages = await lint(
      'apps/portal/src/app/boundary-probe.ts',
      "import * as db from '@baanrian/db';\nexport const probe = db;\n",
    );
    const violations = boundaryMessages(messages);
    expect(violations).toHaveLength(1);
    expect(violations[0].severity).toBe(2);
    expect(violations[0].message).toContain('scope:client');
  });

  it('(b) allows a portal file importing @baanrian/contracts (scope:shared)', async () => {
    const messages = await lint(
      'apps/portal/src/app/boundary-probe.ts',
      "import * as contracts from '@baanrian/contracts';\nexport const probe = contracts;\n",
    );
    expect(boundaryMessages(messages)).toEqual([]);
  });

  it('(b) allows a portal .tsx file importing @baanrian/api-client (scope:shared)', async () => {
    const messages = await lint(
      'apps/portal/src/app/boundary-probe.tsx',
      "import * as client from '@baanrian/api-client';\nexport const Probe = () => <div>{String(client)}</div>;\n",
    );
    expect(boundaryMessages(messages)).toEqual([]);
  });

  it('(c) reports an api file importing from the portal app', async () => {
    const messages = await lint(
      'apps/api/src/boundary-probe.ts',
      "import * as portal from '../../portal/src/main';\nexport const probe = portal;\n",
    );
    expect(boundaryMessages(messages).length).toBeGreaterThan(0);
  });

  it('reports a shared lib (contracts) importing a server lib', async () => {
    const messages = await lint(
      'libs/contracts/src/boundary-probe.ts',
      "import * as config from '@baanrian/config';\nexport const probe = config;\n",
    );
    const violations = boundaryMessages(messages);
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toContain('scope:shared');
  });

  it('allows server code (api) to use server and shared libs', async () => {
    const messages = await lint(
      'apps/api/src/boundary-probe.ts',
      [
        "import * as db from '@baanrian/db';",
        "import * as jobs from '@baanrian/jobs';",
        "import * as contracts from '@baanrian/contracts';",
        'export const probe = [db, jobs, contracts];',
        '',
      ].join('\n'),
    );
    expect(boundaryMessages(messages)).toEqual([]);
  });

  it('keeps @baanrian/testing (scope:test) out of production server code', async () => {
    const messages = await lint(
      'apps/api/src/boundary-probe.ts',
      "import * as testing from '@baanrian/testing';\nexport const probe = testing;\n",
    );
    expect(boundaryMessages(messages)).toHaveLength(1);
  });

  it('lets server-side spec files use @baanrian/testing', async () => {
    const messages = await lint(
      'apps/api/src/boundary-probe.spec.ts',
      "import * as testing from '@baanrian/testing';\nexport const probe = testing;\n",
    );
    expect(boundaryMessages(messages)).toEqual([]);
  });

  it('still keeps @baanrian/testing out of portal spec files', async () => {
    const messages = await lint(
      'apps/portal/src/app/boundary-probe.spec.tsx',
      "import * as testing from '@baanrian/testing';\nexport const probe = testing;\n",
    );
    expect(boundaryMessages(messages)).toHaveLength(1);
  });

  // Lints the whole tree: minutes on a busy 2-core machine as the code grows.
  it('(d) the real apps/, libs/ and migrations/ sources have no boundary violations', async () => {
    const targets = ['apps', 'libs', 'migrations'].filter((dir) =>
      existsSync(path.join(repoRoot, dir)),
    );
    const results = await eslint.lintFiles(targets);
    expect(results.length).toBeGreaterThan(0);

    const problems = results.flatMap((result) =>
      result.messages
        .filter((m) => m.ruleId === RULE || m.fatal)
        .map(
          (m) =>
            `${path.relative(repoRoot, result.filePath)}:${m.line}:${m.column} ${
              m.ruleId ?? 'parse error'
            }: ${m.message}`,
        ),
    );
    expect(problems).toEqual([]);
  }, 300_000);
});
