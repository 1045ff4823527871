import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogCourseSummary } from '@baanrian/api-client';
import { isTargetGroup, pickText, type LocalizedText, type Locale } from '@baanrian/contracts';
import { currentLocale } from '../../i18n/i18n';
import { Link } from '../../routing/link';
import { Card } from '../../ui/card';
import { useCatalogTranslation } from '../catalog/catalog-i18n';
import { DateWithFiscalYear } from '../catalog/fiscal-date';

/** The text in `locale` (falling back to Thai) and the language it is actually in, for `lang`. */
export function localized(text: LocalizedText, locale: Locale): { text: string; lang: Locale } {
  return { text: pickText(text, locale), lang: text[locale] ? locale : 'th' };
}

// One Intl.DisplayNames per locale, not one per card and render (each costs a locale data lookup).
const displayNames = new Map<Locale, Intl.DisplayNames>();

export function languageName(code: string, locale: Locale): string {
  try {
    let names = displayNames.get(locale);
    if (!names) {
      names = new Intl.DisplayNames([locale], { type: 'language' });
      displayNames.set(locale, names);
    }
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export const coursePath = (slug: string) => `/courses/${encodeURIComponent(slug)}`;

export function CourseCard({ course }: { course: CatalogCourseSummary }) {
  const { t, i18n } = useTranslation();
  const { t: tc } = useCatalogTranslation();
  const locale = currentLocale(i18n);
  const headingId = useId();
  const title = localized(course.title, locale);
  const summary = localized(course.summary, locale);
  const groups = course.targetGroups.filter(isTargetGroup);

  return (
    <Card as="article" className="course-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="course-card__title" lang={title.lang}>
        {/* The whole heading is the link: one large target, announced by the course's name. */}
        <Link href={coursePath(course.slug)} className="course-card__link">
          {title.text}
        </Link>
      </h2>
      {summary.text && (
        <p className="course-card__summary" lang={summary.lang}>
          {summary.text}
        </p>
      )}
      <dl className="course-card__meta">
        <div>
          <dt>{t('course.format')}</dt>
          <dd>{t(`format.${course.format}`)}</dd>
        </div>
        <div>
          <dt>{t('course.taughtIn')}</dt>
          <dd>{languageName(course.language, locale)}</dd>
        </div>
        {course.startsAt && (
          <div>
            <dt>{tc('card.starts')}</dt>
            <dd>
              <DateWithFiscalYear value={course.startsAt} locale={locale} />
            </dd>
          </div>
        )}
        {groups.length > 0 && (
          <div className="course-card__groups">
            <dt>{t('course.targetGroups')}</dt>
            <dd>
              <ul className="badges" role="list">
                {groups.map((group) => (
                  <li key={group} className="badge">
                    {t(`targetGroup.${group}`)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </Card>
  );
}
