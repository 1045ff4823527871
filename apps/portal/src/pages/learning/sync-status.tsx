import { useConnectivity } from '../../pwa';
import { Button } from '../../ui';
import { useLearningTranslation } from './learning-i18n';
import { useProgressQueueState } from './progress-sync';

/** "Saved offline, will sync" while progress waits in the queue; what the API refused, once. */
export function SyncStatus({ courseId }: { courseId?: string }) {
  const { t } = useLearningTranslation();
  const { offline } = useConnectivity();
  const { pending, failed, dismissFailed } = useProgressQueueState();
  const waiting = courseId ? pending.filter((item) => item.courseId === courseId).length : pending.length;
  const refused = courseId ? failed.filter((item) => item.courseId === courseId) : failed;
  return (
    <>
      <p role="status" className={waiting > 0 ? 'learning-sync learning-sync--waiting' : 'visually-hidden'}>
        {waiting > 0 ? (offline ? t('sync.savedOffline', { count: waiting }) : t('sync.syncing', { count: waiting })) : ''}
      </p>
      {refused.length > 0 && (
        <div role="alert" className="learning-error">
          <p>{t('sync.refused', { count: refused.length })}</p>
          <Button variant="secondary" onPress={dismissFailed}>
            {t('sync.dismiss')}
          </Button>
        </div>
      )}
    </>
  );
}
