import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CourseSummary } from '@baanrian/api-client';
import { isTargetGroup, pickText, type LocalizedText, type Locale } from '@baanrian/contracts';
import { formatDate, isoDate } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { Card } from '../../ui/card';

/** The text in `locale` (falling back to Thai) and the language it is actually in, for `lang`. */
function localized(text: LocalizedText, locale: Locale): { text: string; lang: Locale } {
  return { text: pickText(text, locale), lang: text[locale] ? locale : 'th' };
}

// One Intl.DisplayNames per locale, not one per card and render (each costs a locale data lookup).
const displayNames = new Map<Locale, Intl.DisplayNames>();

function languageName(code: string, locale: Locale): string {
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

export function CourseCard({ course }: { course: CourseSummary }) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  const headingId = useId();
  const title = localized(course.title, locale);
  const summary = localized(course.summary, locale);
  const groups = course.targetGroups.filter(isTargetGroup);

  return (
    <Card as="article" className="course-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="course-card__title" lang={title.lang}>
        {title.text}
      </h2>
      <p className="course-card__summary" lang={summary.lang}>
        {summary.text}
      </p>
      <dl className="course-card__meta">
        <div>
          <dt>{t('course.format')}</dt>
          <dd>{t(`format.${course.format}`)}</dd>
        </div>
        <div>
          <dt>{t('course.taughtIn')}</dt>
          <dd>{languageName(course.language, locale)}</dd>
        </div>
        {course.publishedAt && (
          <div>
            <dt>{t('course.published')}</dt>
            <dd>
              <time dateTime={isoDate(course.publishedAt)}>{formatDate(course.publishedAt, locale)}</time>
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
