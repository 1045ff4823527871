import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title';
import { formatDate, formatNumber } from '../../i18n/format';
import { Button, EmptyState, ErrorState, Link, LoadingState } from '../../ui';
import { formatTime } from '../catalog/format-time';
import type { NotificationDto, NotificationPageDto } from './learning-api';
import { learningKeys, useLearningApi, useLocale } from './learning-common';
import { useLearningTranslation } from './learning-i18n';
import { notificationText } from './notification-text';

/** `/notifications`: newest first, unread marked in words; mark one or all as read. */
export default function NotificationsPage() {
  const { t } = useLearningTranslation();
  const { t: tShared } = useTranslation();
  const locale = useLocale();
  const api = useLearningApi();
  const queryClient = useQueryClient();
  useDocumentTitle(t('notifications.title'));
  const list = useInfiniteQuery({
    queryKey: learningKeys.notifications(),
    queryFn: ({ pageParam, signal }) => api.notifications(pageParam ?? undefined, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page: NotificationPageDto) => page.nextCursor ?? null,
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: learningKeys.notifications() });
    void queryClient.invalidateQueries({ queryKey: learningKeys.unread() });
  };
  const markRead = useMutation({ mutationFn: (id: string) => api.markRead(id), onSuccess: refresh });
  const markAll = useMutation({ mutationFn: () => api.markAllRead(), onSuccess: refresh });

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;

  return (
    <div className="page learning-page notifications">
      <h1>{t('notifications.title')}</h1>
      {list.isPending ? (
        <LoadingState label={t('notifications.loading')} placeholders={3} />
      ) : list.isError ? (
        <ErrorState title={t('notifications.loadFailed')} error={list.error} retrying={list.isFetching} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('notifications.empty')}>
          <p>{t('notifications.emptyHint')}</p>
        </EmptyState>
      ) : (
        <>
          <div className="notifications__bar">
            <p role="status">{t('notifications.unreadCount', { count: unread, n: formatNumber(unread, locale) })}</p>
            {unread > 0 && (
              <Button variant="secondary" isPending={markAll.isPending} onPress={() => !markAll.isPending && markAll.mutate()}>
                {t('notifications.readAll')}
              </Button>
            )}
          </div>
          {(markAll.isError || markRead.isError) && (
            <p role="alert" className="learning-error">
              {tShared('errors.generic')}
            </p>
          )}
          <ul role="list" className="notifications__list">
            {items.map((item) => (
              <NotificationItem key={item.id} item={item} onRead={() => markRead.mutate(item.id)} pending={markRead.isPending && markRead.variables === item.id} />
            ))}
          </ul>
          {list.hasNextPage && (
            <Button variant="secondary" isPending={list.isFetchingNextPage} onPress={() => !list.isFetchingNextPage && void list.fetchNextPage()}>
              {t('notifications.more')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}

function NotificationItem({ item, onRead, pending }: { item: NotificationDto; onRead: () => void; pending: boolean }) {
  const { t } = useLearningTranslation();
  const locale = useLocale();
  const { text, href } = notificationText(item, t, locale);
  const unread = item.readAt === null;
  return (
    <li className={`notification${unread ? ' notification--unread' : ''}`}>
      <p className="notification__text">
        {unread && <span className="notification__badge">{t('notifications.unread')}</span>} {text}
      </p>
      <p className="notification__meta">
        <time dateTime={item.createdAt}>
          {formatDate(item.createdAt, locale)} {formatTime(item.createdAt, locale)}
        </time>
      </p>
      <p className="notification__actions">
        {href && (
          // Opening it counts as reading it.
          <Link href={href} onPress={unread ? onRead : undefined}>
            {t('notifications.open')}
          </Link>
        )}
        {unread && (
          <Button variant="quiet" isPending={pending} onPress={onRead}>
            {t('notifications.markRead')}
          </Button>
        )}
      </p>
    </li>
  );
}
