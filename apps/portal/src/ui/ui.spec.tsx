import '../testing/dom-polyfills';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { RouterProvider } from 'react-aria-components';
import { I18nextProvider } from 'react-i18next';
import type { ReactNode } from 'react';
import { createI18n } from '../i18n/i18n';
import { Button, Dialog, DialogTrigger, Pagination, pageWindow } from './index';

function wrap(children: ReactNode, navigate = (_: string) => undefined) {
  return render(
    <I18nextProvider i18n={createI18n('en')}>
      <RouterProvider navigate={navigate}>{children}</RouterProvider>
    </I18nextProvider>,
  );
}

const press = (element: Element, key: string) => {
  fireEvent.keyDown(element, { key });
  fireEvent.keyUp(element, { key });
};

describe('Dialog', () => {
  it('opens with Enter on its trigger, moves focus in, closes with Escape and restores focus', async () => {
    wrap(
      <DialogTrigger>
        <Button>Details</Button>
        <Dialog title="Lanna home cooking">
          <p>Three sessions</p>
        </Dialog>
      </DialogTrigger>,
    );
    const trigger = screen.getByRole('button', { name: 'Details' });
    trigger.focus();
    press(trigger, 'Enter');

    const dialog = await screen.findByRole('dialog', { name: 'Lanna home cooking' });
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    expect(within(dialog).getByRole('button', { name: 'Close' })).toBeTruthy();

    press(document.activeElement as Element, 'Escape');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(trigger));
  });
});

describe('Pagination', () => {
  it('marks only the current page with aria-current and links previous/next', () => {
    wrap(<Pagination page={3} pageCount={12} hrefFor={(p) => `/ui?page=${p}`} />);
    const nav = screen.getByRole('navigation', { name: 'Pages' });
    const current = within(nav).getAllByRole('link').filter((link) => link.getAttribute('aria-current') === 'page');
    expect(current.map((link) => link.getAttribute('aria-label'))).toEqual(['Page 3']);
    expect(within(nav).getByRole('link', { name: 'Previous' }).getAttribute('href')).toBe('/ui?page=2');
    expect(within(nav).getByRole('link', { name: 'Next' }).getAttribute('href')).toBe('/ui?page=4');
  });

  it('navigates client-side through the router', () => {
    const navigate = vi.fn();
    wrap(<Pagination page={1} pageCount={2} hrefFor={(p) => `/ui?page=${p}`} />, navigate);
    fireEvent.click(screen.getByRole('link', { name: 'Page 2' }));
    expect(navigate).toHaveBeenCalledWith('/ui?page=2', undefined);
  });

  it('has no previous link on the first page, and nothing at all for one page', () => {
    const { unmount } = wrap(<Pagination page={1} pageCount={5} hrefFor={(p) => `?p=${p}`} />);
    expect(screen.queryByRole('link', { name: 'Previous' })).toBeNull();
    unmount();
    wrap(<Pagination page={1} pageCount={1} hrefFor={(p) => `?p=${p}`} />);
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('shows first, last and neighbours with gaps', () => {
    expect(pageWindow(6, 12)).toEqual([1, null, 5, 6, 7, null, 12]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
  });
});

describe('Button while pending', () => {
  it('keeps focus, ignores presses, never submits its form, and leaves no unnamed image behind', () => {
    const submitted = vi.fn();
    const pressed = vi.fn();
    const view = wrap(
      <form onSubmit={(event) => { event.preventDefault(); submitted(); }}>
        <Button type="submit" isPending onPress={pressed}>Save</Button>
      </form>,
    );
    const button = screen.getByRole('button', { name: /Save/ });
    button.focus();
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.classList.contains('ui-button--pending')).toBe(true);
    expect(within(button).getByRole('progressbar', { name: 'Loading…' })).toBeTruthy();
    fireEvent.click(button);
    press(button, 'Enter');
    expect(pressed).not.toHaveBeenCalled();
    expect(submitted).not.toHaveBeenCalled();

    view.rerender(
      <I18nextProvider i18n={createI18n('en')}>
        <form onSubmit={(event) => { event.preventDefault(); submitted(); }}>
          <Button type="submit" onPress={pressed}>Save</Button>
        </form>
      </I18nextProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(submitted).toHaveBeenCalledTimes(1);
    expect(document.querySelectorAll('[role="img"]:not([aria-label]):not([alt])')).toHaveLength(0);
  });
});
