/**
 * What the page knows about the connection: the browser's online flag (unreliable on many phones:
 * it says "online" on a captive Wi-Fi or a dead mobile link), requests that failed with a network
 * error, and whether the catalogue on screen came from the service worker's cache.
 */

export interface Connectivity {
  /** navigator.onLine, updated by the online/offline events. */
  browserOnline: boolean;
  /** A request failed without any HTTP response since the last success. */
  networkFailed: boolean;
  /** When the data on screen was saved, if the service worker answered from its cache (epoch ms). */
  staleSince: number | null;
}

export type ConnectivityListener = () => void;

/** Message the service worker posts to the page (see service-worker.ts). */
export type ServiceWorkerMessage =
  | { type: 'baanrian:network-error' }
  | { type: 'baanrian:network-ok' }
  | { type: 'baanrian:stale'; savedAt: number | null };

export class ConnectivityStore {
  private state: Connectivity;
  private readonly listeners = new Set<ConnectivityListener>();

  constructor(browserOnline = typeof navigator === 'undefined' ? true : navigator.onLine !== false) {
    this.state = { browserOnline, networkFailed: false, staleSince: null };
  }

  get(): Connectivity {
    return this.state;
  }

  /** True when the banner should say "offline". */
  isOffline(): boolean {
    return !this.state.browserOnline || this.state.networkFailed;
  }

  subscribe(listener: ConnectivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setBrowserOnline(online: boolean): void {
    // Coming back online clears a remembered failure: the next request will tell.
    this.update(online ? { browserOnline: true, networkFailed: false } : { browserOnline: false });
  }

  reportNetworkError(): void {
    this.update({ networkFailed: true });
  }

  reportNetworkOk(): void {
    this.update({ networkFailed: false, staleSince: null });
  }

  reportStale(savedAt: number | null): void {
    this.update({ networkFailed: true, staleSince: savedAt ?? Date.now() });
  }

  handleServiceWorkerMessage(data: unknown): void {
    const message = data as Partial<ServiceWorkerMessage> | null;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'baanrian:network-error') this.reportNetworkError();
    else if (message.type === 'baanrian:network-ok') this.reportNetworkOk();
    else if (message.type === 'baanrian:stale') this.reportStale(typeof message.savedAt === 'number' ? message.savedAt : null);
  }

  private update(change: Partial<Connectivity>): void {
    const next = { ...this.state, ...change };
    if (next.browserOnline === this.state.browserOnline && next.networkFailed === this.state.networkFailed && next.staleSince === this.state.staleSince) return;
    this.state = next;
    this.listeners.forEach((listener) => listener());
  }
}

let shared: ConnectivityStore | null = null;
let listening = false;

/** The page's connectivity store, listening to the browser and the service worker once. */
export function connectivity(): ConnectivityStore {
  shared ??= new ConnectivityStore();
  if (!listening && typeof window !== 'undefined') {
    listening = true;
    const store = shared;
    window.addEventListener('online', () => store.setBrowserOnline(true));
    window.addEventListener('offline', () => store.setBrowserOnline(false));
    navigator.serviceWorker?.addEventListener('message', (event: MessageEvent) => store.handleServiceWorkerMessage(event.data));
  }
  return shared;
}

/** For code outside the PWA module (e.g. the API layer): a request got no HTTP response. */
export function reportNetworkError(): void {
  connectivity().reportNetworkError();
}

/** A request got an HTTP response: the network works. */
export function reportNetworkOk(): void {
  connectivity().reportNetworkOk();
}
