/**
 * Comfort settings for elderly and low-vision learners: text size, high contrast, reduced motion.
 * Applied to <html> (font-size in %, data attributes read by the CSS tokens) so every page and
 * every rem-based size follows, and remembered in localStorage. A tiny external store, read
 * through useSyncExternalStore, because it lives outside React (applied before the first render).
 */
export const TEXT_SIZES = [100, 125, 150, 175, 200] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export interface ComfortSettings {
  textSize: TextSize;
  highContrast: boolean;
  reducedMotion: boolean;
}

const STORAGE_KEY = 'baanrian.comfort';

export const isTextSize = (value: unknown): value is TextSize => TEXT_SIZES.includes(value as TextSize);

function prefers(query: string): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(query).matches;
}

/** Nothing chosen yet: follow the device's own accessibility settings. */
export function defaultSettings(): ComfortSettings {
  return {
    textSize: 100,
    highContrast: prefers('(prefers-contrast: more)') || prefers('(forced-colors: active)'),
    reducedMotion: prefers('(prefers-reduced-motion: reduce)'),
  };
}

export function readSettings(storage: Storage | null): ComfortSettings {
  const defaults = defaultSettings();
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return defaults;
    const stored = JSON.parse(raw) as Partial<Record<keyof ComfortSettings, unknown>>;
    return {
      textSize: isTextSize(stored.textSize) ? stored.textSize : defaults.textSize,
      highContrast: typeof stored.highContrast === 'boolean' ? stored.highContrast : defaults.highContrast,
      reducedMotion: typeof stored.reducedMotion === 'boolean' ? stored.reducedMotion : defaults.reducedMotion,
    };
  } catch {
    return defaults; // corrupt or blocked storage: never stop the page from loading
  }
}

/** Sets the settings on <html>. The percentage multiplies the browser's own text size, which stays respected. */
export function applySettings(settings: ComfortSettings, doc: Document = document): void {
  const root = doc.documentElement;
  root.style.fontSize = `${settings.textSize}%`;
  root.dataset['contrast'] = settings.highContrast ? 'high' : 'normal';
  root.dataset['motion'] = settings.reducedMotion ? 'reduce' : 'normal';
}

export interface ComfortSettingsStore {
  get(): ComfortSettings;
  set(patch: Partial<ComfortSettings>): void;
  reset(): void;
  subscribe(listener: () => void): () => void;
}

export function createComfortSettingsStore(storage: Storage | null, doc: Document = document): ComfortSettingsStore {
  let current = readSettings(storage);
  const listeners = new Set<() => void>();
  applySettings(current, doc);

  const commit = (next: ComfortSettings, persist: boolean) => {
    current = next;
    applySettings(current, doc);
    try {
      if (persist) storage?.setItem(STORAGE_KEY, JSON.stringify(current));
      else storage?.removeItem(STORAGE_KEY);
    } catch {
      // Storage full or blocked: the setting applies now but isn't remembered.
    }
    listeners.forEach((listener) => listener());
  };

  return {
    get: () => current,
    set: (patch) => commit({ ...current, ...patch }, true),
    reset: () => commit(defaultSettings(), false),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
