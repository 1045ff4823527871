import { TARGET_GROUPS, type CatalogFilters, type TargetGroup } from '@baanrian/contracts';
import { Link } from '../../routing/link';
import { useCatalogTranslation } from '../catalog/catalog-i18n';
import { catalogHref } from '../catalog/use-catalog-filters';

/** Simple line pictures, drawn on a 48×48 grid with the tile's text colour. */
const ICONS: Record<TargetGroup, string> = {
  // An adult holding a small child's hand.
  early_childhood: 'M15 10a4 4 0 1 1 0 .01M33 20a3 3 0 1 1 0 .01M15 16v14m0 0-5 10m5-10 5 10M15 20l9 6 9-2M33 25v9m0 0-3 6m3-6 3 6',
  // A book, open.
  youth: 'M24 14c-5-3-11-3-16-1v24c5-2 11-2 16 1 5-3 11-3 16-1V13c-5-2-11-2-16 1Zm0 0v24',
  // Three people.
  general_public: 'M24 12a4 4 0 1 1 0 .01M12 17a3.5 3.5 0 1 1 0 .01M36 17a3.5 3.5 0 1 1 0 .01M16 38v-8a8 8 0 0 1 16 0v8M5 36v-5a7 7 0 0 1 9-6.5M43 36v-5a7 7 0 0 0-9-6.5',
  // A board with a pointer: teaching.
  education_staff: 'M8 10h32v20H8zM24 30v8m-7 2 7-10 7 10M14 16h12m-12 6h8',
  // A person with a walking stick.
  elderly: 'M22 10a4 4 0 1 1 0 .01M22 16c-3 4-4 8-3 12l-3 12m6-24 4 8 5 2m-9 2 5 12M33 26v16',
};

/**
 * The five target groups as large tiles: a picture and a plain label, easy to recognise and to
 * hit on a small phone. Plain links (`/?targetGroup=…`): they work before the scripts load and
 * keep the other filters.
 */
export function TargetGroupTiles({ filters }: { filters: CatalogFilters }) {
  const { t } = useCatalogTranslation();
  const { targetGroup, ...rest } = filters;
  return (
    <nav className="group-tiles" aria-labelledby="group-tiles-heading">
      <h2 id="group-tiles-heading" className="group-tiles__heading">
        {t('browse.heading')}
      </h2>
      <ul className="group-tiles__list" role="list">
        {TARGET_GROUPS.map((group) => (
          <li key={group}>
            <Link
              href={catalogHref({ ...rest, targetGroup: group })}
              className={`group-tile group-tile--${group}`}
              aria-current={targetGroup === group ? 'page' : undefined}
            >
              <svg className="group-tile__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
                <path d={ICONS[group]} />
              </svg>
              <span className="group-tile__label">{t(`browse.tile.${group}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
      {targetGroup && (
        <p className="group-tiles__all">
          <Link href={catalogHref(rest)}>{t('browse.all')}</Link>
        </p>
      )}
    </nav>
  );
}
