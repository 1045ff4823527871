import { ApiError } from '../api/errors';
import type { MeDto, SessionDto } from './accounts-api';

/**
 * Who is signed in, outside React. The access token lives only in this object's memory (never in
 * storage, so a script injected later cannot read a saved one); the refresh token is an HttpOnly
 * cookie the browser sends to /api/v1/auth and this code never sees.
 */
export type SessionStatus = 'checking' | 'signedIn' | 'signedOut';

export interface SessionState {
  status: SessionStatus;
  user: MeDto | null;
  /**
   * Signed out as confirmed by the server (refresh answered 401, or the user signed out), rather
   * than assumed because this browser has no sign of an earlier session (see `start`).
   */
  verified: boolean;
  /** The last refresh failed without an answer from the API (offline, 5xx): the state is a guess. */
  unreachable: boolean;
}

/** What the store needs from the API (accounts-api.ts). */
export interface SessionApi {
  refresh(): Promise<SessionDto>;
  signOut(): Promise<unknown>;
}

export interface SessionStoreOptions {
  /** Where the "this browser had a session" hint is kept; null = nowhere (tests, blocked storage). */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  now?: () => number;
  /** Serialises refreshes across tabs (Web Locks); defaults to navigator.locks when present. */
  lock?: <T>(name: string, task: () => Promise<T>) => Promise<T>;
  /** Tells other tabs about sign-in and sign-out; defaults to a BroadcastChannel when present. */
  channel?: Pick<BroadcastChannel, 'postMessage' | 'addEventListener'> | null;
}

/** Not a secret: only "this browser signed in before", so anonymous visitors skip the refresh call. */
export const SESSION_HINT_KEY = 'baanrian.session';
/** Refresh this long before the access token expires, instead of waiting for a 401. */
const EXPIRY_MARGIN_MS = 30_000;

type Listener = () => void;

function defaultLock(): SessionStoreOptions['lock'] {
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  if (!locks) return undefined;
  return (name, task) => locks.request(name, task);
}

function defaultChannel(): SessionStoreOptions['channel'] {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel('baanrian.session') : null;
}

export class SessionStore {
  private state: SessionState = { status: 'checking', user: null, verified: false, unreachable: false };
  private token: string | null = null;
  private expiresAt = 0;
  private inFlight: Promise<boolean> | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly storage: SessionStoreOptions['storage'];
  private readonly now: () => number;
  private readonly lock: SessionStoreOptions['lock'];
  private readonly channel: SessionStoreOptions['channel'];

  constructor(
    private readonly api: SessionApi,
    options: SessionStoreOptions = {},
  ) {
    this.storage = options.storage === undefined ? safeLocalStorage() : options.storage;
    this.now = options.now ?? Date.now;
    this.lock = options.lock ?? defaultLock();
    this.channel = options.channel === undefined ? defaultChannel() : options.channel;
    this.channel?.addEventListener('message', (event) => {
      const kind = (event as MessageEvent<unknown>).data;
      // Another tab signed out: so are we. Another tab signed in: pick the session up.
      if (kind === 'signed-out') this.clear(false);
      else if (kind === 'signed-in' && this.state.status !== 'signedIn') void this.refresh();
    });
  }

  readonly get = (): SessionState => this.state;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The access token to send, or null when signed out. */
  accessToken(): string | null {
    return this.token;
  }

  /** The token for a request about to go out: refreshed first when it is about to expire. */
  async tokenForRequest(): Promise<string | null> {
    if (this.token && this.now() > this.expiresAt - EXPIRY_MARGIN_MS) await this.refresh();
    return this.token;
  }

  /**
   * On page load. Refreshes when this browser has signed in before; otherwise the visitor is
   * taken as signed out without a request (the start page stays one request lighter, and an
   * anonymous visitor's console shows no 401). `verify()` asks the server when it matters.
   */
  start(): void {
    if (this.state.status !== 'checking' || this.inFlight) return;
    if (this.hasHint()) void this.refresh();
    else this.set({ status: 'signedOut', user: null, verified: false, unreachable: false });
  }

  /** Asks the server when the signed-out state was only assumed (guarded pages, the sign-in page). */
  async verify(): Promise<void> {
    if (this.state.status === 'signedOut' && !this.state.verified) await this.refresh();
    else if (this.inFlight) await this.inFlight;
  }

  /**
   * POST /auth/refresh, one at a time (concurrent callers share it; tabs take turns, because the
   * cookie rotates on every use and a reused one revokes the whole family). Resolves true when
   * signed in; a 401 means signed out, quietly.
   */
  refresh(): Promise<boolean> {
    this.inFlight ??= this.doRefresh().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async doRefresh(): Promise<boolean> {
    if (this.state.status !== 'signedIn') this.set({ ...this.state, status: 'checking' });
    try {
      const session = await (this.lock ? this.lock('baanrian.refresh', () => this.api.refresh()) : this.api.refresh());
      this.accept(session, false);
      return true;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        this.clear(false);
      } else {
        // No answer (offline) or a server fault: keep a session we have, else assume signed out.
        this.set(
          this.state.user
            ? { ...this.state, status: 'signedIn', unreachable: true }
            : { status: 'signedOut', user: null, verified: false, unreachable: true },
        );
      }
      return false;
    }
  }

  /** After sign-in, sign-up, card completion, setup, or switching profile: the API's SessionDto. */
  setSession(session: SessionDto): void {
    this.accept(session, true);
  }

  /** After a profile change (PATCH /me). */
  setUser(user: MeDto): void {
    if (this.state.status === 'signedIn') this.set({ ...this.state, user });
  }

  /** POST /auth/sign-out, then forget the session here and in other tabs, even if the call failed. */
  async signOut(): Promise<void> {
    try {
      await this.api.signOut();
    } catch {
      // The cookie may outlive a failed call; the access token is gone from memory anyway.
    } finally {
      this.clear(true);
    }
  }

  /** Forgets the session locally (e.g. after the account was deleted). */
  clear(broadcast = true): void {
    this.token = null;
    this.expiresAt = 0;
    this.removeHint();
    this.set({ status: 'signedOut', user: null, verified: true, unreachable: false });
    if (broadcast) this.channel?.postMessage('signed-out');
  }

  private accept(session: SessionDto, broadcast: boolean): void {
    this.token = session.accessToken;
    const expires = Date.parse(session.expiresAt);
    this.expiresAt = Number.isNaN(expires) ? this.now() + 10 * 60_000 : expires;
    this.writeHint();
    this.set({ status: 'signedIn', user: session.user, verified: true, unreachable: false });
    if (broadcast) this.channel?.postMessage('signed-in');
  }

  private set(next: SessionState): void {
    this.state = next;
    this.listeners.forEach((listener) => listener());
  }

  private hasHint(): boolean {
    try {
      return this.storage?.getItem(SESSION_HINT_KEY) === '1';
    } catch {
      return false;
    }
  }

  private writeHint(): void {
    try {
      this.storage?.setItem(SESSION_HINT_KEY, '1');
    } catch {
      // Not remembered: the next visit starts signed out until a guarded page asks the server.
    }
  }

  private removeHint(): void {
    try {
      this.storage?.removeItem(SESSION_HINT_KEY);
    } catch {
      // Nothing to do.
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

/** Roles the signed-in user holds (none when signed out). */
export function hasRole(state: SessionState, ...roles: string[]): boolean {
  return !!state.user && state.user.roles.some((role) => roles.includes(role));
}
