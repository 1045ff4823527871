/**
 * Validates docker-compose.yml with real Compose tooling, without a Docker
 * engine: Debian's `docker-compose` package (Compose 1.29.2, Python), whose
 * `config` command parses, schema-validates (compose-spec) and interpolates
 * the file offline.
 *
 *   apt-get install -y --no-install-recommends docker-compose
 *
 * Override the binary with DOCKER_COMPOSE_BIN if needed. A missing validator
 * is a test failure, never a skip.
 */
import { SERVICE_NODE_FLAGS } from '../../libs/dev-services/src/service-flags';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
const composeFile = path.join(repoRoot, 'docker-compose.yml');
const COMPOSE_BIN = process.env.DOCKER_COMPOSE_BIN || 'docker-compose';
const INSTALL_HINT =
  'install the Debian package: apt-get install -y --no-install-recommends docker-compose';

const APP_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
// Not a real key: compose only interpolates it; the api validates it at boot.
const AUTH_JWT_PRIVATE_KEY = '-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIPlaceholderPlaceholderPlaceholder00\\n-----END PRIVATE KEY-----';
const REQUIRED = { APP_SECRET, AUTH_JWT_PRIVATE_KEY };

let workDir: string;
let emptyEnvFile: string;

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'baanrian-compose-'));
  emptyEnvFile = path.join(workDir, 'empty.env');
  writeFileSync(emptyEnvFile, '');
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Resolve the validator, failing loudly with the install instruction. */
function composeBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', COMPOSE_BIN], {
    encoding: 'utf8',
  });
  const resolved = found.stdout.trim();
  if (found.status !== 0 || !resolved) {
    throw new Error(`Compose validator "${COMPOSE_BIN}" not found on PATH: ${INSTALL_HINT}`);
  }
  return realpathSync(resolved);
}

/**
 * Child environment: the caller's env minus anything that would change how
 * the file interpolates, plus `vars`. The repo's own .env (if a developer has
 * one) is neutralised with --env-file pointing at an empty file.
 */
function composeEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      /^(APP_SECRET|AUTH_JWT_PRIVATE_KEY|POSTGRES_PASSWORD|PUBLIC_URL|BAANRIAN_TAG)$/.test(key) ||
      key.startsWith('COMPOSE_') ||
      key.startsWith('DOCKER_')
    ) {
      delete env[key];
    }
  }
  return { ...env, ...vars };
}

function composeConfig(
  file: string,
  vars: Record<string, string>,
  extraArgs: string[] = ['-q'],
): SpawnSyncReturns<string> {
  const result = spawnSync(
    composeBinary(),
    ['--project-directory', repoRoot, '--env-file', emptyEnvFile, '-f', file, 'config', ...extraArgs],
    { encoding: 'utf8', env: composeEnv(vars), timeout: 30_000 },
  );
  if (result.error) throw result.error;
  return result;
}

/** Python interpreter that runs docker-compose (it has PyYAML, a dependency). */
function composePython(): string {
  const shebang = readFileSync(composeBinary(), 'utf8').split('\n', 1)[0];
  const match = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(shebang);
  if (!match) return '/usr/bin/python3';
  return match[1].endsWith('/env') && match[2] ? match[2] : match[1];
}

interface ComposeService {
  image?: string;
  command?: string[] | string;
  build?: { context: string; dockerfile: string };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] | string };
  ports?: Array<{ published: number | string; target: number }>;
  volumes?: unknown[];
  restart?: string;
}
interface ComposeConfig {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** `docker-compose config` output (YAML), parsed to an object. */
function resolvedConfig(vars: Record<string, string>): ComposeConfig {
  const out = composeConfig(composeFile, vars, []);
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  const parsed = spawnSync(
    composePython(),
    ['-c', 'import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
    { input: out.stdout, encoding: 'utf8' },
  );
  if (parsed.status !== 0) throw new Error(`could not parse compose output: ${parsed.stderr}`);
  return JSON.parse(parsed.stdout) as ComposeConfig;
}

function writeBroken(name: string, transform: (source: string) => string): string {
  const source = readFileSync(composeFile, 'utf8');
  const broken = transform(source);
  expect(broken).not.toBe(source); // the mutation really happened
  const file = path.join(workDir, name);
  writeFileSync(file, broken);
  return file;
}

describe('docker-compose.yml (validated with docker-compose config)', () => {
  it('has the validator installed', () => {
    const bin = composeBinary();
    const version = spawnSync(bin, ['version', '--short'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+/);
  });

  it('is valid when APP_SECRET and AUTH_JWT_PRIVATE_KEY are set', () => {
    const result = composeConfig(composeFile, REQUIRED);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails without APP_SECRET, naming APP_SECRET', () => {
    const result = composeConfig(composeFile, { AUTH_JWT_PRIVATE_KEY });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('APP_SECRET');
    expect(result.stderr).toMatch(/at least 32 characters/);
  });

  it('fails without AUTH_JWT_PRIVATE_KEY, saying how to make one', () => {
    const result = composeConfig(composeFile, { APP_SECRET });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('AUTH_JWT_PRIVATE_KEY');
    expect(result.stderr).toContain('openssl genpkey -algorithm ed25519');
  });

  it('rejects a copy with an unknown service key', () => {
    const file = writeBroken('unknown-key.yml', (s) =>
      s.replace(/^ {2}api:\n/m, '  api:\n    bogus_option: true\n'),
    );
    const result = composeConfig(file, REQUIRED);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('bogus_option');
  });

  it('rejects a copy whose depends_on points at a missing service', () => {
    const file = writeBroken('missing-dependency.yml', (s) =>
      s.replace(
        /^ {2}portal:\n((?: {4}.*\n)*?) {4}depends_on:\n {6}api:\n/m,
        '  portal:\n$1    depends_on:\n      backend:\n',
      ),
    );
    const result = composeConfig(file, REQUIRED);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/backend.*undefined/);
  });

  it('rejects a copy with an invalid depends_on condition', () => {
    const file = writeBroken('bad-condition.yml', (s) =>
      s.replace('condition: service_completed_successfully', 'condition: service_finished'),
    );
    const result = composeConfig(file, REQUIRED);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('service_finished');
  });

  it('uses the compose-spec format (no top-level version key)', () => {
    expect(readFileSync(composeFile, 'utf8')).not.toMatch(/^version\s*:/m);
  });

  describe('resolved configuration', () => {
    let config: ComposeConfig;
    beforeAll(() => {
      config = resolvedConfig(REQUIRED);
    });

    it('defines exactly the six services', () => {
      expect(Object.keys(config.services).sort()).toEqual(
        ['api', 'migrate', 'portal', 'postgres', 'redis', 'worker'].sort(),
      );
    });

    it('runs postgres 17 with UTF-8 C locale and a health check', () => {
      const pg = config.services.postgres;
      expect(pg.image).toBe('postgres:17');
      expect(pg.environment?.POSTGRES_INITDB_ARGS).toBe('--locale=C.UTF-8 -E UTF8');
      expect(JSON.stringify(pg.healthcheck?.test)).toContain('pg_isready');
      expect(pg.volumes?.length).toBeGreaterThan(0);
    });

    it('runs redis 7 with AOF and noeviction', () => {
      const redis = config.services.redis;
      expect(redis.image).toBe('redis:7');
      const command = [redis.command ?? []].flat().join(' ');
      expect(command).toContain('--appendonly yes');
      expect(command).toContain('--maxmemory-policy noeviction');
      expect(redis.healthcheck).toBeDefined();
    });

    it('runs migrations once, from the api image, after postgres is healthy', () => {
      const migrate = config.services.migrate;
      expect(migrate.image).toBe(config.services.api.image);
      expect([migrate.command ?? []].flat().join(' ')).toBe('node dist/apps/api/cli.js migrate');
      expect(migrate.depends_on?.postgres?.condition).toBe('service_healthy');
      expect(migrate.restart ?? 'no').toBe('no');
    });

    it('starts api and worker only after migrate completed and redis is healthy', () => {
      for (const name of ['api', 'worker']) {
        const deps = config.services[name].depends_on;
        expect(deps?.migrate?.condition).toBe('service_completed_successfully');
        expect(deps?.redis?.condition).toBe('service_healthy');
      }
    });

    it('gives the api the expected environment', () => {
      expect(config.services.api.environment).toEqual(
        expect.objectContaining({
          HOST: '0.0.0.0',
          PORT: '3000',
          NODE_ENV: 'production',
          DATABASE_URL: 'postgres://baanrian:baanrian@postgres:5432/baanrian',
          REDIS_URL: 'redis://redis:6379',
          APP_SECRET,
          AUTH_JWT_PRIVATE_KEY,
          PUBLIC_URL: 'http://localhost:8080',
          // Behind the portal's nginx (docker/nginx.conf sets X-Forwarded-For).
          TRUST_PROXY: 'true',
        }),
      );
    });

    it('shares database, redis and secret settings with worker and migrate', () => {
      const shared = ['DATABASE_URL', 'REDIS_URL', 'APP_SECRET', 'AUTH_JWT_PRIVATE_KEY', 'PUBLIC_URL', 'NODE_ENV'];
      for (const name of ['worker', 'migrate']) {
        for (const key of shared) {
          expect(config.services[name].environment?.[key]).toBe(
            config.services.api.environment?.[key],
          );
        }
      }
    });

    it('publishes only the portal, on 8080, after the api is healthy', () => {
      const portal = config.services.portal;
      expect(portal.ports).toEqual([expect.objectContaining({ published: 8080, target: 8080 })]);
      expect(portal.depends_on?.api?.condition).toBe('service_healthy');
      for (const [name, service] of Object.entries(config.services)) {
        if (name !== 'portal') expect(service.ports ?? []).toEqual([]);
      }
    });

    it('builds from Dockerfiles that exist', () => {
      for (const name of ['api', 'worker', 'portal', 'migrate']) {
        const build = config.services[name].build;
        if (!build) throw new Error(`service ${name} has no build section`);
        expect(existsSync(path.resolve(build.context, build.dockerfile))).toBe(true);
      }
    });

    it('honours POSTGRES_PASSWORD and PUBLIC_URL overrides', () => {
      const custom = resolvedConfig({
        ...REQUIRED,
        POSTGRES_PASSWORD: 's3cret',
        PUBLIC_URL: 'https://lms.example.test',
      });
      expect(custom.services.postgres.environment?.POSTGRES_PASSWORD).toBe('s3cret');
      expect(custom.services.api.environment?.DATABASE_URL).toBe(
        'postgres://baanrian:s3cret@postgres:5432/baanrian',
      );
      expect(custom.services.worker.environment?.PUBLIC_URL).toBe('https://lms.example.test');
    });
  });
});

describe('docker/ images', () => {
  const read = (file: string) => readFileSync(path.join(repoRoot, 'docker', file), 'utf8');
  const builderStage = (dockerfile: string) => {
    const match = /^FROM node:20-bookworm-slim AS builder\n[\s\S]*?(?=^FROM )/m.exec(dockerfile);
    if (!match) throw new Error('no "FROM node:20-bookworm-slim AS builder" stage');
    // Instructions only: comments and blank lines don't affect the cache key.
    return match[0]
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
      .join('\n');
  };

  it('share one byte-identical builder stage (BuildKit builds it once)', () => {
    const api = builderStage(read('api.Dockerfile'));
    expect(api).toContain('npm ci');
    expect(api).toContain('npx nx run-many -t build -p api worker portal');
    expect(api).toMatch(/NX_NO_CLOUD=true/);
    expect(api).toMatch(/NX_DAEMON=false/);
    expect(builderStage(read('worker.Dockerfile'))).toBe(api);
    expect(builderStage(read('portal.Dockerfile'))).toBe(api);
  });

  it('run the node images as a non-root user with pruned production deps', () => {
    for (const [file, app] of [
      ['api.Dockerfile', 'api'],
      ['worker.Dockerfile', 'worker'],
    ]) {
      const text = read(file);
      expect(text).toContain('npm ci --omit=dev');
      expect(text).toContain(`/repo/dist/apps/${app} ./dist/apps/${app}`);
      expect(text).toMatch(/^USER node$/m);
      // The same V8 settings as `npm start` and the bench.
      expect(text).toContain(`CMD ${JSON.stringify(['node', ...SERVICE_NODE_FLAGS[app], `dist/apps/${app}/main.js`]).replaceAll(',', ', ')}`);
    }
  });

  it('health-checks the api on /api/v1/health/live without curl', () => {
    const text = read('api.Dockerfile');
    expect(text).toMatch(/^HEALTHCHECK /m);
    expect(text).toContain('/api/v1/health/live');
    expect(text).not.toContain('curl');
  });

  it('serves the portal with nginx: SPA fallback and /api/ proxy to api:3000', () => {
    const dockerfile = read('portal.Dockerfile');
    expect(dockerfile).toMatch(/^FROM nginx:1\.27-alpine AS runtime$/m);
    expect(dockerfile).toContain('COPY docker/nginx.conf /etc/nginx/nginx.conf');
    expect(dockerfile).toMatch(/^USER nginx$/m);
    const conf = read('nginx.conf');
    expect(conf).toMatch(/listen 8080;/);
    expect(conf).toMatch(/try_files \$uri \$uri\/ \/index\.html;/);
    expect(conf).toMatch(/location \/api\/ \{[\s\S]*?http:\/\/api:3000/);
  });

  it('has the api render the start page: nginx proxies exactly "/" to it, falling back to the shell', () => {
    const conf = read('nginx.conf');
    const start = conf.match(/location = \/ \{([\s\S]*?)\n {4}\}/)?.[1] ?? '';
    expect(start).toContain('http://api:3000');
    expect(start).toMatch(/error_page [0-9 ]*502[0-9 ]* = \/index\.html;/);
    const api = read('api.Dockerfile');
    expect(api).toContain('COPY --from=builder /repo/dist/apps/portal ./dist/apps/portal');
    expect(api).toContain('COPY --from=builder /repo/dist/apps/portal-ssr ./dist/apps/portal-ssr');
  });

  it('has the api render shareable course pages: /courses/ proxied, 404 kept, the shell when the api is down', () => {
    const conf = read('nginx.conf');
    const courses = conf.match(/location \/courses\/ \{([\s\S]*?)\n {4}\}/)?.[1] ?? '';
    expect(courses).toContain('http://api:3000');
    expect(courses).toMatch(/error_page 404 \/index\.html;/);
    expect(courses).toMatch(/error_page [0-9 ]*502[0-9 ]* = \/index\.html;/);
  });
});
