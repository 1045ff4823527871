import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ComfortSettings, ComfortSettingsStore } from './comfort-settings';

const ComfortSettingsContext = createContext<ComfortSettingsStore | null>(null);

export function ComfortSettingsProvider({ store, children }: { store: ComfortSettingsStore; children: ReactNode }) {
  return <ComfortSettingsContext.Provider value={store}>{children}</ComfortSettingsContext.Provider>;
}

/** The current settings and the store to change them. */
export function useComfortSettings(): [ComfortSettings, ComfortSettingsStore] {
  const store = useContext(ComfortSettingsContext);
  if (!store) throw new Error('useComfortSettings() needs a <ComfortSettingsProvider> above it');
  const settings = useSyncExternalStore(store.subscribe, store.get, store.get);
  return [settings, store];
}
