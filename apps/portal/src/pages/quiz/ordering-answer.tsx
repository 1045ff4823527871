import { useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { OrderingItem } from '@baanrian/contracts';
import { Button } from '../../ui';
import { plainText } from './rich-text';
import { useQuizTranslation } from './quiz-i18n';

export interface OrderingAnswerProps {
  /** In the order delivered (which says nothing about the right order). */
  items: OrderingItem[];
  /** The learner's order so far; undefined until they move something. */
  itemIds: string[] | undefined;
  onChange: (itemIds: string[]) => void;
  labelId: string;
}

/** Moves the item at `from` to `to`, returning a new list. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

type Control = 'handle' | 'up' | 'down';

/**
 * Put items in order three ways: drag a row by its handle (mouse, pen or finger: pointer events,
 * so it works on a touch screen too), arrow keys Up/Down on the handle, or the Move up / Move down
 * buttons on every row (the plainest for a switch or screen-reader user). Each move is announced
 * politely and focus stays with the moved item.
 *
 * Hand-made rather than react-aria's GridList drag and drop, which would add ~33 KB gzipped to the
 * quiz chunk for one question type on a cheap phone.
 */
export function OrderingAnswer({ items, itemIds, onChange, labelId }: OrderingAnswerProps) {
  const { t } = useQuizTranslation();
  const byId = new Map(items.map((item) => [item.id, item]));
  // Unknown ids (should not happen) are dropped, missing ones appended: the list is always complete.
  const ordered = [...(itemIds ?? []).flatMap((id) => byId.get(id) ?? []), ...items.filter((item) => !itemIds?.includes(item.id))];
  const order = ordered.map((item) => item.id);
  const [announcement, setAnnouncement] = useState('');
  const [drag, setDrag] = useState<{ id: string; order: string[] } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const focusAfter = useRef<{ id: string; control: Control } | null>(null);
  const shown = drag ? drag.order.flatMap((id) => byId.get(id) ?? []) : ordered;

  // React may re-insert a moved row's DOM node, which drops focus: put it back on the same control.
  useLayoutEffect(() => {
    const target = focusAfter.current;
    if (!target || !listRef.current) return;
    focusAfter.current = null;
    const row = listRef.current.querySelector<HTMLElement>(`[data-item="${CSS.escape(target.id)}"]`);
    const control = row?.querySelector<HTMLElement>(`[data-control="${target.control}"]:not([disabled])`) ?? row?.querySelector<HTMLElement>('[data-control="handle"]');
    control?.focus();
  });

  const commit = (next: string[], id: string, control: Control) => {
    focusAfter.current = { id, control };
    onChange(next);
    const item = byId.get(id);
    if (item) setAnnouncement(t('answer.orderMoved', { item: plainText(item.text), position: next.indexOf(id) + 1, total: next.length }));
  };
  const move = (index: number, to: number, control: Control) => {
    if (to < 0 || to >= order.length) return;
    commit(moved(order, index, to), order[index], control);
  };

  const onHandleKey = (index: number) => (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault(); // the page does not scroll
      move(index, event.key === 'ArrowUp' ? index - 1 : index + 1, 'handle');
    }
  };

  const onPointerDown = (id: string) => (event: PointerEvent<HTMLButtonElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ id, order });
  };
  const onPointerMove = (event: PointerEvent<HTMLButtonElement>) => {
    if (!drag || !listRef.current) return;
    const rows = [...listRef.current.children] as HTMLElement[];
    const from = drag.order.indexOf(drag.id);
    // The first row whose middle is below the finger: the dragged item goes just before it.
    let to = rows.findIndex((row) => {
      const box = row.getBoundingClientRect();
      return event.clientY < box.top + box.height / 2;
    });
    if (to === -1) to = rows.length - 1;
    else if (to > from) to -= 1;
    if (to !== from) setDrag({ id: drag.id, order: moved(drag.order, from, to) });
  };
  const onPointerEnd = () => {
    if (!drag) return;
    setDrag(null);
    if (drag.order.join('\n') !== order.join('\n')) commit(drag.order, drag.id, 'handle');
  };

  return (
    <div className="quiz-ordering">
      <p className="quiz-hint">{t('answer.orderingHint')}</p>
      <ol ref={listRef} aria-labelledby={labelId} className="quiz-ordering__list">
        {shown.map((item, index) => {
          const label = plainText(item.text);
          return (
            <li key={item.id} data-item={item.id} className={drag?.id === item.id ? 'quiz-ordering__item quiz-ordering__item--dragging' : 'quiz-ordering__item'}>
              <button
                type="button"
                data-control="handle"
                className="quiz-ordering__handle"
                aria-label={t('answer.dragItem', { item: label, position: index + 1, total: shown.length })}
                onKeyDown={onHandleKey(index)}
                onPointerDown={onPointerDown(item.id)}
                onPointerMove={onPointerMove}
                onPointerUp={onPointerEnd}
                onPointerCancel={onPointerEnd}
              >
                <span aria-hidden="true">⠿</span>
              </button>
              <span className="quiz-text quiz-ordering__text">{label}</span>
              <span className="quiz-ordering__moves">
                <Button data-control="up" variant="secondary" className="quiz-icon-button" isDisabled={index === 0} onPress={() => move(index, index - 1, 'up')} aria-label={t('answer.moveUp', { item: label })}>
                  <span aria-hidden="true">↑</span>
                </Button>
                <Button
                  data-control="down"
                  variant="secondary"
                  className="quiz-icon-button"
                  isDisabled={index === shown.length - 1}
                  onPress={() => move(index, index + 1, 'down')}
                  aria-label={t('answer.moveDown', { item: label })}
                >
                  <span aria-hidden="true">↓</span>
                </Button>
              </span>
            </li>
          );
        })}
      </ol>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}
