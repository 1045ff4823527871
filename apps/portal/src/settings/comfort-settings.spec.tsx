import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { courseList, json, renderApp } from '../testing/render-app';

const html = document.documentElement;

describe('Comfort settings', () => {
  beforeEach(() => {
    localStorage.clear();
    html.removeAttribute('style');
  });

  it('changes the text size on <html> from the settings page and remembers it', async () => {
    renderApp({ url: '/settings', handler: () => json(courseList([])) });
    expect(await screen.findByRole('heading', { level: 1, name: 'ปรับการแสดงผล' }, { timeout: 5000 })).toBeTruthy();
    expect(document.title).toBe('การแสดงผล · บ้านเรียน Baanrian');
    expect(html.style.fontSize).toBe('100%');

    fireEvent.click(screen.getByRole('radio', { name: '150%' }));

    expect(html.style.fontSize).toBe('150%');
    expect(JSON.parse(localStorage.getItem('baanrian.comfort') ?? '{}')).toMatchObject({ textSize: 150 });
  });

  it('applies a remembered text size before the first render', () => {
    localStorage.setItem('baanrian.comfort', JSON.stringify({ textSize: 200, highContrast: true, reducedMotion: false }));
    renderApp({ handler: () => json(courseList([])) });
    expect(html.style.fontSize).toBe('200%');
    expect(html.dataset['contrast']).toBe('high');
  });

  it('turns high contrast and reduced motion on as data attributes', async () => {
    renderApp({ url: '/settings', handler: () => json(courseList([])) });
    const contrast = await screen.findByRole('switch', { name: 'สีตัดกันชัดเจน' }, { timeout: 5000 });
    expect(html.dataset['contrast']).toBe('normal');
    fireEvent.click(contrast);
    expect(html.dataset['contrast']).toBe('high');
    fireEvent.click(screen.getByRole('switch', { name: 'ลดภาพเคลื่อนไหว' }));
    expect(html.dataset['motion']).toBe('reduce');
    expect(JSON.parse(localStorage.getItem('baanrian.comfort') ?? '{}')).toMatchObject({ highContrast: true, reducedMotion: true });
  });

  it('opens from the header with the keyboard, and Escape closes it and returns focus', async () => {
    renderApp({ handler: () => json(courseList([])) });
    const opener = within(screen.getByRole('banner')).getByRole('button', { name: 'ขนาดตัวอักษร' });
    opener.focus();
    fireEvent.keyDown(opener, { key: 'Enter' });
    fireEvent.keyUp(opener, { key: 'Enter' });
    fireEvent.click(opener); // a native button turns Enter into a click

    const dialog = await screen.findByRole('dialog', { name: 'ปรับการแสดงผล' }, { timeout: 5000 });
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    fireEvent.click(within(dialog).getByRole('radio', { name: '125%' }));
    expect(html.style.fontSize).toBe('125%');

    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });
});
