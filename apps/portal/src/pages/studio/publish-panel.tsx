import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/errors';
import { formatDate } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { navigate } from '../../routing/location';
import { Button, Cell, Column, Dialog, EmptyState, ErrorState, LoadingState, Row, Table, TableBody, TableHeader } from '../../ui';
import { STUDIO_ROUTES, studioKeys, useStudioApi } from './studio-common';
import { problemReasons, type StudioCourseDto } from './studio-api';
import { FiscalYear } from './studio-fields';
import { useStudioTranslation } from './studio-i18n';

/** Publish (with the API's reasons when it cannot), archive or restore, delete a never-published draft, and the history. */
export function PublishPanel({ course }: { course: StudioCourseDto }) {
  const { t, i18n } = useStudioTranslation();
  const locale = currentLocale(i18n);
  const api = useStudioApi();
  const queryClient = useQueryClient();
  // Not useSubmit: a 422 here is about the course, never about one form field; keep it whole.
  const [formError, setFormError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setPending(true);
    setFormError(null);
    try {
      await action();
    } catch (error) {
      setFormError(error);
    } finally {
      setPending(false);
    }
  };
  const [message, setMessage] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const versions = useQuery({ queryKey: studioKeys.versions(course.id), queryFn: ({ signal }) => api.versions(course.id, signal), staleTime: 0 });

  const act = (action: () => Promise<StudioCourseDto>, done: string) =>
    void run(async () => {
      setMessage('');
      const updated = await action();
      queryClient.setQueryData(studioKeys.course(course.id), updated);
      setMessage(done);
      await queryClient.invalidateQueries({ queryKey: studioKeys.versions(course.id) });
      void queryClient.invalidateQueries({ queryKey: studioKeys.courses() });
    });

  const reasons = problemReasons(formError);
  const unpublishable = formError instanceof ApiError && formError.status === 422;

  return (
    <div className="studio-publish">
      <p role="status" className="studio-saved">
        {message}
      </p>
      {unpublishable ? (
        <div className="ui-state ui-state--error" role="alert">
          <h2 className="ui-state__title">{t('publish.cannotTitle')}</h2>
          <p lang={formError.language ?? undefined}>{formError.problem?.title ?? t('publish.cannot')}</p>
          {reasons.length > 0 && (
            <ul className="studio-reasons" lang={formError.language ?? undefined}>
              {reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
        </div>
      ) : formError ? (
        <ErrorState title={t('publish.failed')} error={formError} />
      ) : null}
      <section aria-labelledby="studio-publish-heading" className="studio-section">
        <h2 id="studio-publish-heading">{t('publish.heading')}</h2>
        <p>{course.status === 'draft' ? t('publish.draftHint') : course.status === 'published' ? t('publish.publishedHint') : t('publish.archivedHint')}</p>
        <div className="studio-actions">
          {course.status !== 'archived' && (
            <Button isDisabled={pending} onPress={() => act(() => api.publish(course.id), t('publish.published'))}>
              {course.status === 'published' ? t('publish.republish') : t('publish.publish')}
            </Button>
          )}
          {course.status === 'published' && (
            <Button variant="secondary" isDisabled={pending} onPress={() => act(() => api.archive(course.id), t('publish.archived'))}>
              {t('publish.archive')}
            </Button>
          )}
          {course.status === 'archived' && (
            <Button isDisabled={pending} onPress={() => act(() => api.restore(course.id), t('publish.restored'))}>
              {t('publish.restore')}
            </Button>
          )}
          {course.status === 'draft' && course.publishedVersion === null && (
            <Button variant="quiet" isDisabled={pending} onPress={() => setConfirmDelete(true)}>
              {t('publish.delete')}
            </Button>
          )}
        </div>
      </section>
      <section aria-labelledby="studio-versions-heading" className="studio-section">
        <h2 id="studio-versions-heading">{t('versions.heading')}</h2>
        {versions.isPending ? (
          <LoadingState label={t('versions.loading')} />
        ) : versions.isError ? (
          <ErrorState title={t('versions.loadFailed')} error={versions.error} onRetry={() => void versions.refetch()} headingLevel={3} />
        ) : versions.data.length === 0 ? (
          <EmptyState title={t('versions.none')} headingLevel={3} />
        ) : (
          <Table aria-labelledby="studio-versions-heading">
            <TableHeader>
              <Column isRowHeader>{t('versions.version')}</Column>
              <Column>{t('versions.when')}</Column>
              <Column>{t('versions.who')}</Column>
            </TableHeader>
            <TableBody items={versions.data.map((v) => ({ ...v, id: v.version }))}>
              {(version) => (
                <Row id={version.version}>
                  <Cell>{version.version}</Cell>
                  <Cell>
                    <time dateTime={version.publishedAt}>{formatDate(version.publishedAt, locale)}</time> <FiscalYear date={version.publishedAt} />
                  </Cell>
                  <Cell>{version.publishedBy?.displayName ?? t('versions.unknown')}</Cell>
                </Row>
              )}
            </TableBody>
          </Table>
        )}
      </section>
      {confirmDelete && (
        <Dialog
          title={t('publish.deleteTitle')}
          isOpen
          onOpenChange={setConfirmDelete}
          actions={(close) => (
            <Button
              onPress={() => {
                close();
                void run(async () => {
                  await api.deleteCourse(course.id);
                  await queryClient.invalidateQueries({ queryKey: studioKeys.courses() });
                  navigate(STUDIO_ROUTES.courses);
                });
              }}
            >
              {t('publish.delete')}
            </Button>
          )}
        >
          <p>{t('publish.deleteConfirm')}</p>
        </Dialog>
      )}
    </div>
  );
}
