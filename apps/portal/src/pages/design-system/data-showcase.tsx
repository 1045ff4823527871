import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { formatDate } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { useSearchParam } from '../../routing/location';
import { ROUTES } from '../../routing/routes';
import {
  Card,
  Cell,
  Column,
  EmptyState,
  ErrorState,
  Link,
  LoadingState,
  Pagination,
  ProgressBar,
  Row,
  Table,
  TableBody,
  TableHeader,
} from '../../ui';
import { Section } from './section';

const PAGE_COUNT = 12;
const parsePage = (raw: string | null) => (raw && /^\d+$/.test(raw) && +raw >= 1 && +raw <= PAGE_COUNT ? raw : null);

/** Content components: card, progress, table, pagination and the page states. */
export function DataShowcase() {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  const [pageParam] = useSearchParam('page', parsePage);
  const page = Number(pageParam ?? 3);
  const demoError = new ApiError(
    404,
    { type: 'urn:baanrian:problem:not-found', title: t('designSystem.states.errorProblem'), status: 404, code: 'NOT_FOUND', instance: '/api/v1/courses/x', requestId: 'req-7f3a' },
    locale,
  );
  const schedule = [
    { id: 1, date: '2023-10-20', session: t('designSystem.table.session1'), place: t('designSystem.table.place1') },
    { id: 2, date: '2023-10-27', session: t('designSystem.table.session2'), place: t('designSystem.table.place1') },
    { id: 3, date: '2023-11-03', session: t('designSystem.table.session3'), place: t('designSystem.table.place2') },
  ];

  return (
    <>
      <Section id="ds-card" title={t('designSystem.card.title')}>
        <div className="ds-grid">
          <Card as="article" aria-labelledby="ds-card-course">
            <h3 id="ds-card-course">{t('designSystem.card.courseTitle')}</h3>
            <p>{t('designSystem.card.courseBody')}</p>
            <p className="ds-note">
              {t('course.published')}: <time dateTime="2023-10-20">{formatDate('2023-10-20T03:00:00Z', locale)}</time>
            </p>
          </Card>
          <Card>
            <p>{t('designSystem.card.longWord')}</p>
          </Card>
        </div>
      </Section>

      <Section id="ds-progress" title={t('designSystem.progress.title')}>
        <div className="ds-stack">
          <ProgressBar label={t('designSystem.progress.course')} value={60} />
          <ProgressBar label={t('designSystem.progress.upload')} isIndeterminate />
        </div>
      </Section>

      <Section id="ds-table" title={t('designSystem.table.title')}>
        <Table aria-label={t('designSystem.table.caption')}>
          <TableHeader>
            <Column isRowHeader>{t('designSystem.table.date')}</Column>
            <Column>{t('designSystem.table.session')}</Column>
            <Column>{t('designSystem.table.place')}</Column>
          </TableHeader>
          <TableBody items={schedule}>
            {(row) => (
              <Row>
                <Cell>{formatDate(`${row.date}T03:00:00Z`, locale)}</Cell>
                <Cell>{row.session}</Cell>
                <Cell>{row.place}</Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      </Section>

      <Section id="ds-pagination" title={t('designSystem.pagination.title')}>
        <Pagination page={page} pageCount={PAGE_COUNT} hrefFor={(p) => `${ROUTES.designSystem}?page=${p}`} />
      </Section>

      <Section id="ds-states" title={t('designSystem.states.title')}>
        <div className="ds-stack">
          <EmptyState
            headingLevel={3}
            title={t('designSystem.states.empty')}
            action={<Link href={ROUTES.home}>{t('designSystem.states.emptyAction')}</Link>}
          >
            <p>{t('designSystem.states.emptyHint')}</p>
          </EmptyState>
          <LoadingState label={t('designSystem.states.loading')} announce={false} placeholders={2} />
          <ErrorState headingLevel={3} title={t('designSystem.states.error')} error={demoError} onRetry={() => undefined} />
        </div>
      </Section>
    </>
  );
}
