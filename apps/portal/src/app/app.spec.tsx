import { fireEvent, screen, within } from '@testing-library/react';
import { courseList, json, renderApp } from '../testing/render-app';

describe('App shell', () => {
  beforeEach(() => localStorage.clear());

  it('has a skip link to the main landmark, a banner with the product name and a footer', async () => {
    renderApp({ handler: () => json(courseList([])) });

    const skip = screen.getByRole('link', { name: 'ข้ามไปยังเนื้อหาหลัก' });
    expect(skip.getAttribute('href')).toBe('#main');
    expect(screen.getByRole('main').id).toBe('main');

    const banner = screen.getByRole('banner');
    expect(banner.textContent).toContain('บ้านเรียน Baanrian');
    expect(within(banner).getByRole('combobox', { name: 'ภาษา' })).toBeTruthy();
    expect(screen.getByRole('contentinfo').textContent).toContain('การเรียนรู้ตลอดชีวิต');

    // The lazily loaded home page arrives.
    expect(await screen.findByRole('heading', { level: 1, name: 'ค้นหาหลักสูตร' })).toBeTruthy();
  });

  it('starts in Thai, and sets <html lang> and the title', async () => {
    renderApp({ handler: () => json(courseList([])) });
    await screen.findByRole('heading', { level: 1 });
    expect(document.documentElement.lang).toBe('th');
    expect(document.title).toBe('หลักสูตรทั้งหมด · บ้านเรียน Baanrian');
  });

  it('restores the language remembered from an earlier visit', async () => {
    localStorage.setItem('baanrian.locale', 'vi');
    renderApp({ handler: () => json(courseList([])) });

    expect(await screen.findByRole('heading', { level: 1, name: 'Tìm khóa học' })).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Ngôn ngữ' }) as HTMLSelectElement).value).toBe('vi');
    expect(document.documentElement.lang).toBe('vi');
  });

  it('shows a not-found page for an unknown path, with a way back', async () => {
    renderApp({ url: '/no-such-page', handler: () => json(courseList([])) });

    expect(await screen.findByRole('heading', { level: 1, name: 'ไม่พบหน้านี้' })).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'กลับไปหน้าหลักสูตร' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'ค้นหาหลักสูตร' })).toBeTruthy();
    expect(window.location.pathname).toBe('/');
  });
});
