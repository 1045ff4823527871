import { childEnv } from '@baanrian/config';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A program the project needs and the Debian package that provides it. */
export interface SystemTool {
  command: string;
  debianPackages: string[];
  why: string;
}

export const REDIS: SystemTool = { command: 'redis-server', debianPackages: ['redis-server'], why: 'the job queues' };
export const CHROMIUM: SystemTool = {
  command: 'chromium',
  // Thai and Vietnamese glyphs for screenshots and PDFs.
  debianPackages: ['chromium', 'fonts-noto-core', 'fonts-thai-tlwg'],
  why: 'browser tests',
};
/** pdftotext/pdftoppm read back the certificate PDFs in tests (libs/certificates); not needed at run time. */
export const POPPLER: SystemTool = { command: 'pdftotext', debianPackages: ['poppler-utils'], why: 'reading certificate PDFs in tests' };
export const COMPOSE: SystemTool = { command: 'docker-compose', debianPackages: ['docker-compose'], why: 'validating docker-compose.yml' };

export function which(command: string): string | null {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/**
 * Installs missing tools with apt-get, in one call so dpkg's lock is taken once. Where that is not
 * possible (not root, no apt-get), stops with one message saying how to get them.
 */
export function ensureSystemTools(tools: SystemTool[], log: (line: string) => void = console.log): void {
  const missing = tools.filter((tool) => !which(tool.command));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.flatMap((tool) => tool.debianPackages))];
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    const list = missing.map((tool) => `${tool.command} (for ${tool.why})`).join(', ');
    throw new Error(
      `Missing ${list}. Install it with your package manager, e.g. "sudo apt-get install ${packages.join(' ')}" ` +
        `or "brew install redis chromium", or point REDIS_URL at an existing Redis.`,
    );
  }
  log(`Installing ${packages.join(', ')} with apt-get (one time)…`);
  const env = childEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'ignore', env });
  const still = missing.filter((tool) => !which(tool.command));
  if (still.length) throw new Error(`apt-get finished but ${still.map((t) => t.command).join(', ')} is still missing`);
}
