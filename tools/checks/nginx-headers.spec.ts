/**
 * The compose stack's nginx (docker/nginx.conf) serves the portal shell and its files itself and
 * proxies the rest to the api. Its static answers must carry the same security headers as the
 * api's (apps/api/src/security/security-headers.middleware.ts), and its proxied answers must not
 * add a second policy: browsers enforce every policy they get, so a copy without the start
 * page's script hash would block the page's loader.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { contentSecurityPolicy, PERMISSIONS_POLICY } from '../../apps/api/src/security/security-headers.middleware';

const conf = readFileSync(path.resolve(__dirname, '../../docker/nginx.conf'), 'utf8');

/** The body of `location <match> {…}` (locations are indented four spaces, closed at the same depth). */
function location(match: string): string {
  const start = conf.indexOf(`    location ${match} {\n`);
  if (start < 0) throw new Error(`no "location ${match}" in docker/nginx.conf`);
  return conf.slice(start, conf.indexOf('\n    }\n', start));
}

function variable(name: string): string {
  const value = conf.match(new RegExp(`^\\s*set \\$${name} "([^"]*)";$`, 'm'))?.[1];
  if (value === undefined) throw new Error(`no "set $${name}" in docker/nginx.conf`);
  return value;
}

describe('docker/nginx.conf security headers', () => {
  it("sends the api's policy for a page without inline scripts, and the same Permissions-Policy", () => {
    expect(variable('baanrian_csp')).toBe(contentSecurityPolicy());
    expect(variable('baanrian_permissions')).toBe(PERMISSIONS_POLICY);
  });

  it.each(['/', '= /index.html'])('adds every header in the static location %s', (match) => {
    const body = location(match);
    for (const header of [
      'add_header Content-Security-Policy $baanrian_csp always;',
      'add_header Permissions-Policy $baanrian_permissions always;',
      'add_header Cross-Origin-Opener-Policy same-origin always;',
      'add_header X-Frame-Options DENY always;',
      'add_header X-Content-Type-Options nosniff always;',
      'add_header Referrer-Policy strict-origin-when-cross-origin always;',
    ]) {
      expect(body).toContain(header);
    }
  });

  it.each(['= /', '/courses/', '/api/', '= /api/v1/media'])('leaves the policy of the proxied location %s to the api', (match) => {
    const body = location(match);
    expect(body).toContain('proxy_pass');
    expect(body).not.toContain('Content-Security-Policy');
  });

  it.each(['= /', '/courses/', '/api/', '= /api/v1/media'])(
    'in %s, tells the api the address nginx sees, never one the client wrote (the api trusts it for rate limits)',
    (match) => {
      const body = location(match);
      expect(body).toContain('proxy_set_header X-Forwarded-For $remote_addr;');
      expect(body).not.toContain('$proxy_add_x_forwarded_for');
    },
  );

  it('sets no policy at server level, where proxied locations would inherit it', () => {
    const serverLevel = conf.split('\n').filter((line) => /^ {4}add_header /.test(line));
    expect(serverLevel.join('\n')).not.toContain('Content-Security-Policy');
  });
});
