import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title';
import { useReachBeacon } from '../../reach/use-reach-beacon';
import { useCatalogFilters } from '../catalog/use-catalog-filters';
import { CatalogFilterBar } from './catalog-filters';
import { CatalogSearch } from './catalog-search';
import { CourseResults } from './course-results';
import { TargetGroupTiles } from './target-group-tiles';
import './home-page.css';

/**
 * `/`: the public catalog. Browse by target group (large tiles), search, filter; every choice is
 * in the URL (`/?targetGroup=elderly&q=คอมพิวเตอร์`), so a filtered list can be shared.
 */
export function HomePage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useCatalogFilters();
  useDocumentTitle(t('home.documentTitle'));
  useReachBeacon('catalog');

  return (
    <div className="home">
      <div className="home__intro">
        <h1>{t('home.title')}</h1>
        <p>{t('home.intro')}</p>
      </div>
      <TargetGroupTiles filters={filters} />
      <CatalogSearch value={filters.q ?? ''} onSearch={(q) => setFilters({ q })} />
      <CatalogFilterBar filters={filters} onChange={setFilters} />
      <CourseResults filters={filters} />
    </div>
  );
}

export default HomePage;
