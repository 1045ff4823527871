import { renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reachVisit, useReachBeacon } from './use-reach-beacon';

const readBlob = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });

const setReferrer = (value: string) => Object.defineProperty(document, 'referrer', { value, configurable: true });

describe('useReachBeacon', () => {
  let sendBeacon: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    sendBeacon = vi.fn(() => true);
    Object.defineProperty(navigator, 'sendBeacon', { value: sendBeacon, configurable: true, writable: true });
    setReferrer('');
  });

  afterEach(() => {
    Reflect.deleteProperty(navigator, 'sendBeacon');
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('sends one beacon per page view with the referrer’s origin and path and the utm_* of the address', async () => {
    window.history.replaceState(null, '', '/courses/lanna-cooking?utm_source=facebook&utm_medium=share&utm_campaign=songkran-2569&fbclid=IwAR0secret');
    setReferrer('https://l.facebook.com/l.php?u=https%3A%2F%2Flearn.example.org&h=AT0secret#frag');

    const { rerender } = renderHook(({ slug }) => useReachBeacon('course', slug), { initialProps: { slug: 'lanna-cooking' } });
    rerender({ slug: 'lanna-cooking' });

    expect(sendBeacon).toHaveBeenCalledTimes(1);
    const [path, blob] = sendBeacon.mock.calls[0] as [string, Blob];
    expect(path).toBe('/api/v1/reach/visits');
    expect(blob.type).toBe('application/json');
    const body = await readBlob(blob);
    expect(JSON.parse(body)).toEqual({
      page: 'course',
      courseSlug: 'lanna-cooking',
      referrer: 'https://l.facebook.com/l.php',
      utmSource: 'facebook',
      utmMedium: 'share',
      utmCampaign: 'songkran-2569',
    });
    // Nothing of the other site's query, nor our own non-utm parameters.
    expect(body).not.toMatch(/secret|fbclid|frag/);
  });

  it('sends again when the course changes, and not for a course page without a slug', () => {
    const { rerender } = renderHook(({ slug }: { slug?: string }) => useReachBeacon('course', slug), { initialProps: { slug: undefined as string | undefined } });
    expect(sendBeacon).not.toHaveBeenCalled();
    rerender({ slug: 'a' });
    rerender({ slug: 'b' });
    expect(sendBeacon).toHaveBeenCalledTimes(2);
  });

  it('sends the catalog view with no referrer or tags as just the page', async () => {
    renderHook(() => useReachBeacon('catalog'));
    expect(JSON.parse(await readBlob(sendBeacon.mock.calls[0][1] as Blob))).toEqual({ page: 'catalog' });
  });

  it('falls back to a keepalive fetch where there is no sendBeacon, or it refuses', () => {
    const fetchSpy = vi.fn(() => Promise.resolve(new Response(null, { status: 204 })));
    vi.stubGlobal('fetch', fetchSpy);
    sendBeacon.mockReturnValue(false);
    renderHook(() => useReachBeacon('catalog'));
    Reflect.deleteProperty(navigator, 'sendBeacon');
    renderHook(() => useReachBeacon('catalog'));

    expect(fetchSpy).toHaveBeenCalledTimes(2);
    const [path, init] = fetchSpy.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/v1/reach/visits');
    expect(init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit', body: '{"page":"catalog"}' });
  });

  it('never breaks the page: a failing network is swallowed', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('offline'))));
    Reflect.deleteProperty(navigator, 'sendBeacon');
    expect(() => renderHook(() => useReachBeacon('catalog'))).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
});

describe('reachVisit', () => {
  it('cuts long utm values to what the API accepts and ignores empty ones', () => {
    const visit = reachVisit('catalog', 'ignored-on-catalog', `?utm_campaign=${'ก'.repeat(150)}&utm_source=%20%20`, '');
    expect(visit).toEqual({ page: 'catalog', utmCampaign: 'ก'.repeat(100) });
  });

  it('drops referrers that are not web pages', () => {
    expect(reachVisit('catalog', undefined, '', 'android-app://com.google.android.gm/').referrer).toBeUndefined();
    expect(reachVisit('catalog', undefined, '', 'not a url').referrer).toBeUndefined();
    expect(reachVisit('catalog', undefined, '', 'https://www.google.co.th/').referrer).toBe('https://www.google.co.th/');
  });
});
