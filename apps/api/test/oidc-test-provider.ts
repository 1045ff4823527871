import { childEnv } from '@baanrian/config';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/** Claims of one account at the test provider, plus `codeTtlSeconds` (a provider setting) to make its codes expire early. */
export type TestAccount = Record<string, unknown> & { codeTtlSeconds?: number };

export interface TestProviderSettings {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** By login (= account id = `sub` unless a `sub` claim is given). */
  accounts: Record<string, TestAccount>;
}

export interface TestProvider {
  issuer: string;
  stop(): Promise<void>;
}

/** Starts fixtures/oidc-provider.mjs (the real `oidc-provider`, ESM only) in a child process. */
export async function startTestProvider(settings: TestProviderSettings): Promise<TestProvider> {
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'fixtures/oidc-provider.mjs')], {
    env: childEnv({ OIDC_TEST_PROVIDER: JSON.stringify(settings) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /READY (\S+)/.exec(stdout);
      if (ready) resolve(ready[1]);
    });
    child.once('exit', (code) => reject(new Error(`test OpenID provider exited (${code}): ${stderr}`)));
    setTimeout(() => reject(new Error(`test OpenID provider did not start: ${stderr}`)), 20_000).unref();
  });
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A browser's dealings with the provider, over plain HTTP: its own cookie jar (the provider's
 * session), redirects followed by hand, and the development login form filled in.
 */
export class ProviderBrowser {
  private readonly jar = new Map<string, string>();

  /** Follows the provider from the authorization URL until it redirects to `redirectUri`; returns that URL. */
  async authorize(authorizationUrl: string, login: string, redirectUri: string, options: { abort?: boolean } = {}): Promise<URL> {
    let url = authorizationUrl;
    for (let step = 0; step < 10; step++) {
      let res = await this.request(url);
      if (res.status === 200 && new URL(url).pathname.startsWith('/interaction/')) {
        const prompt = /name="prompt" value="(\w+)"/.exec(await res.text())?.[1];
        res = options.abort
          ? await this.request(`${url}/abort`)
          : await this.request(url, prompt === 'login' ? { prompt, login, password: 'any' } : { prompt: prompt ?? 'consent' });
      }
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) throw new Error(`provider answered ${res.status} at ${url}: ${await res.text()}`);
      const next = new URL(location, url);
      if (next.toString().startsWith(redirectUri)) return next;
      url = next.toString();
    }
    throw new Error('too many redirects at the provider');
  }

  private async request(url: string, form?: Record<string, string>): Promise<Response> {
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const header of res.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()];
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1]).getTime() < Date.now());
      if (expired || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }
}
