import { lazy, Suspense, useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApiClient } from '../../api/api-client-context';
import { useSession } from '../../auth/session-context';
import { Link } from '../../routing/link';
import './learning-nav.css';

/*
 * The learner's header links ("My learning", "Notifications" with the unread count). Part of the
 * start page, so kept light: native links, one small query, no learning strings (the two labels
 * are in the shared `shell.nav` keys). The progress queue's sender loads only when updates made
 * offline are waiting in this browser, so they reach the API from whichever page opens next.
 */

const PROGRESS_QUEUE_KEY = 'baanrian.learning.progressQueue'; // progress-queue.ts PROGRESS_QUEUE_KEY
const ProgressSyncRunner = lazy(() => import('./progress-sync-runner'));

function hasQueuedProgress(): boolean {
  try {
    const raw = window.localStorage.getItem(PROGRESS_QUEUE_KEY);
    return !!raw && raw !== '[]';
  } catch {
    return false;
  }
}

interface UntypedGet {
  GET(path: string): Promise<{ data?: unknown; response: Response }>;
}

export function LearningNavItems({ current }: { current: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useApiClient();
  const signedIn = session.status === 'signedIn' && !!session.user;
  // Read after hydration: the server never knows this browser's queue.
  const [queued, setQueued] = useState(false);
  useEffect(() => setQueued(hasQueuedProgress()), [signedIn]);
  const unread = useQuery({
    queryKey: ['accounts', 'learning', 'unread'], // learningKeys.unread()
    // The notifications endpoint (learning contract) is typed in pages/learning/learning-api.ts.
    queryFn: async () => {
      const { data, response } = await (client as unknown as UntypedGet).GET('/api/v1/me/notifications');
      return response.ok ? ((data as { unread?: number }).unread ?? 0) : 0;
    },
    enabled: signedIn,
    refetchInterval: 120_000,
    staleTime: 30_000,
  });
  if (!signedIn) return null;
  const count = unread.data ?? 0;
  return (
    <>
      <li>
        <Link href="/learning" className="site-nav__link" aria-current={current === '/learning' ? 'page' : undefined}>
          {t('shell.nav.learning')}
        </Link>
      </li>
      <li>
        <Link href="/notifications" className="site-nav__link" aria-current={current === '/notifications' ? 'page' : undefined}>
          {t('shell.nav.notifications')}
          {count > 0 && (
            <>
              {' '}
              <span className="site-nav__badge">
                {count}
                <span className="visually-hidden"> {t('shell.nav.unread')}</span>
              </span>
            </>
          )}
        </Link>
        {queued && (
          <Suspense fallback={null}>
            <ProgressSyncRunner />
          </Suspense>
        )}
      </li>
    </>
  );
}
