import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * The Docker images install production dependencies only (`npm ci --omit=dev`), so every package
 * the built api and worker load at run time must be a production dependency. `npm test` builds
 * the bundles before this runs.
 */
const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const bundles = ['dist/apps/api/main.js', 'dist/apps/api/cli.js', 'dist/apps/worker/main.js'];

function packagesRequiredBy(file: string): string[] {
  const source = readFileSync(path.join(root, file), 'utf8');
  const names = [...source.matchAll(/require\("([^"./][^"]*)"\)/g)].map((m) => m[1]);
  return [...new Set(names)]
    .filter((name) => !name.startsWith('node:') && !builtinModules.includes(name))
    .map((name) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]));
}

describe.each(bundles)('%s', (bundle) => {
  it('exists (built by npm test) and loads only production dependencies', () => {
    expect(existsSync(path.join(root, bundle))).toBe(true);
    const required = packagesRequiredBy(bundle);
    expect(required).toContain('@nestjs/core');
    expect(required.filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });
});
