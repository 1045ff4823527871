import { act, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { ConnectivityStore } from './connectivity';
import en from './locales/en.json';
import th from './locales/th.json';
import vi from './locales/vi.json';
import { OfflineBanner } from './offline-banner';
import { memoryStorage, OfflineQueue } from './offline-queue';

function i18nFor(lng: string) {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { th: { pwa: th }, en: { pwa: en }, vi: { pwa: vi } },
    lng,
    fallbackLng: 'th',
    initAsync: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  return instance;
}

function renderBanner(lng = 'th', store = new ConnectivityStore(true), queue = new OfflineQueue(memoryStorage())) {
  const queryClient = new QueryClient();
  render(
    <I18nextProvider i18n={i18nFor(lng)}>
      <QueryClientProvider client={queryClient}>
        <OfflineBanner store={store} queue={queue} />
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return { store, queue, queryClient };
}

describe('OfflineBanner', () => {
  it('is an empty, hidden polite status region while online with nothing waiting', () => {
    renderBanner();
    const region = screen.getByRole('status', { hidden: true });
    expect(region).toHaveProperty('hidden', true);
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('');
  });

  it.each([
    ['th', /คุณออฟไลน์อยู่/],
    ['en', /You are offline/],
    ['vi', /Bạn đang ngoại tuyến/],
  ])('says so in %s when the browser goes offline, and hides again when back online', (lng, text) => {
    const { store } = renderBanner(lng, new ConnectivityStore(false));
    expect(screen.getByRole('status').textContent).toMatch(text);
    act(() => store.setBrowserOnline(true));
    expect(screen.getByRole('status', { hidden: true })).toHaveProperty('hidden', true);
  });

  it('shows offline when a query fails with a network error, though the browser says online', async () => {
    const { queryClient } = renderBanner('en');
    const failing = Object.assign(new Error('Network request failed'), { name: 'NetworkError' });
    await act(async () => {
      await queryClient.fetchQuery({ queryKey: ['x'], queryFn: () => Promise.reject(failing), retry: false }).catch(() => undefined);
    });
    expect(screen.getByRole('status').textContent).toMatch(/You are offline/);
  });

  it('says when the catalogue shown was saved earlier (served by the service worker cache)', () => {
    const { store } = renderBanner('en');
    act(() => store.handleServiceWorkerMessage({ type: 'baanrian:stale', savedAt: Date.UTC(2026, 0, 15, 9, 30) }));
    expect(screen.getByRole('status').textContent).toMatch(/Showing the list saved at .*2026/);
    act(() => store.handleServiceWorkerMessage({ type: 'baanrian:network-ok' }));
    expect(screen.getByRole('status', { hidden: true })).toHaveProperty('hidden', true);
  });

  it('counts changes waiting to be sent, with plurals', () => {
    const { queue } = renderBanner('en');
    act(() => void queue.enqueue({ method: 'POST', path: '/api/v1/a' }));
    expect(screen.getByRole('status').textContent).toBe('1 change waiting to be sent');
    act(() => void queue.enqueue({ method: 'POST', path: '/api/v1/b' }));
    expect(screen.getByRole('status').textContent).toBe('2 changes waiting to be sent');
  });

  it('counts waiting changes in Thai and Vietnamese', () => {
    const queue = new OfflineQueue(memoryStorage());
    queue.enqueue({ method: 'POST', path: '/api/v1/a' });
    queue.enqueue({ method: 'POST', path: '/api/v1/b' });
    renderBanner('th', new ConnectivityStore(true), queue);
    expect(screen.getByRole('status').textContent).toBe('มี 2 รายการรอส่ง');
  });

  it('tells the learner about refused changes until they dismiss them', async () => {
    const queue = new OfflineQueue(memoryStorage());
    queue.enqueue({ method: 'POST', path: '/api/v1/a' });
    await queue.flush(async () => ({ status: 422 }));
    renderBanner('en', new ConnectivityStore(true), queue);
    expect(screen.getByRole('status').textContent).toMatch(/1 change could not be saved/);
    act(() => screen.getByRole('button', { name: 'OK' }).click());
    expect(queue.failed()).toEqual([]);
    expect(screen.getByRole('status', { hidden: true })).toHaveProperty('hidden', true);
  });
});
