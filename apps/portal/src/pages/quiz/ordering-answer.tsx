import { useState } from 'react';
import { Button, GridList, GridListItem, useDragAndDrop } from 'react-aria-components';
import type { OrderingItem } from '@baanrian/contracts';
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

/**
 * Put items in order three ways: drag a row (mouse or touch), react-aria's keyboard and
 * screen-reader drag and drop, or the Move up / Move down buttons on every row (the simplest for
 * a keyboard or switch user). After a move by button, focus stays on the moved item's button.
 */
export function OrderingAnswer({ items, itemIds, onChange, labelId }: OrderingAnswerProps) {
  const { t } = useQuizTranslation();
  const byId = new Map(items.map((item) => [item.id, item]));
  // Unknown ids (should not happen) are dropped, missing ones appended: the list is always complete.
  const ordered = [
    ...(itemIds ?? []).flatMap((id) => byId.get(id) ?? []),
    ...items.filter((item) => !itemIds?.includes(item.id)),
  ];
  const order = ordered.map((item) => item.id);
  const [announcement, setAnnouncement] = useState('');

  const move = (from: number, to: number) => {
    if (to < 0 || to >= order.length) return;
    const next = moved(order, from, to);
    onChange(next);
    setAnnouncement(t('answer.orderMoved', { item: plainText(ordered[from].text), position: to + 1, total: order.length }));
  };

  const { dragAndDropHooks } = useDragAndDrop({
    getItems: (keys) => [...keys].flatMap((key) => byId.get(String(key)) ?? []).map((item) => ({ 'text/plain': plainText(item.text) })),
    onReorder(event) {
      const keys = [...event.keys].map(String);
      const rest = order.filter((id) => !keys.includes(id));
      const targetIndex = rest.indexOf(String(event.target.key));
      const at = event.target.dropPosition === 'before' ? targetIndex : targetIndex + 1;
      onChange([...rest.slice(0, at), ...keys, ...rest.slice(at)]);
    },
  });

  return (
    <div className="quiz-ordering">
      <p className="quiz-hint">{t('answer.orderingHint')}</p>
      <GridList aria-labelledby={labelId} className="quiz-ordering__list" dragAndDropHooks={dragAndDropHooks} items={ordered.map((item, index) => ({ ...item, index }))}>
        {/* Fresh objects each render: GridList caches rows by item identity, and the index must follow the order. */}
        {(item) => {
          const { index } = item;
          const label = plainText(item.text);
          return (
            <GridListItem id={item.id} textValue={label} className="quiz-ordering__item">
              <Button slot="drag" className="quiz-ordering__handle" aria-label={t('answer.dragItem', { item: label })}>
                <span aria-hidden="true">⋮⋮</span>
              </Button>
              <span className="quiz-ordering__position" aria-hidden="true">
                {index + 1}.
              </span>
              <span className="quiz-text quiz-ordering__text">{label}</span>
              <span className="quiz-ordering__moves">
                <Button className="quiz-icon-button" isDisabled={index === 0} onPress={() => move(index, index - 1)} aria-label={t('answer.moveUp', { item: label })}>
                  <span aria-hidden="true">↑</span>
                </Button>
                <Button
                  className="quiz-icon-button"
                  isDisabled={index === order.length - 1}
                  onPress={() => move(index, index + 1)}
                  aria-label={t('answer.moveDown', { item: label })}
                >
                  <span aria-hidden="true">↓</span>
                </Button>
              </span>
            </GridListItem>
          );
        }}
      </GridList>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}
