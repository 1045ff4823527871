import { useTranslation } from 'react-i18next';
import { isTargetGroup, type TargetGroup } from '@baanrian/contracts';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSearchParam } from '../../routing/location';
import { CourseResults } from './course-results';
import { TargetGroupFilter } from './target-group-filter';
import './home-page.css';

const parseTargetGroup = (raw: string | null): TargetGroup | null => (isTargetGroup(raw) ? raw : null);

/** `/`: the course catalogue, filterable by target group (`?targetGroup=youth`, so links can be shared). */
export function HomePage() {
  const { t } = useTranslation();
  const [targetGroup, setTargetGroup] = useSearchParam('targetGroup', parseTargetGroup);
  useDocumentTitle(t('home.documentTitle'));

  return (
    <div className="home">
      <div className="home__intro">
        <h1>{t('home.title')}</h1>
        <p>{t('home.intro')}</p>
      </div>
      <TargetGroupFilter value={targetGroup} onChange={setTargetGroup} />
      <CourseResults targetGroup={targetGroup} />
    </div>
  );
}

export default HomePage;
