import { useEffect, useState } from 'react';
import { useCoursePageTranslation as useCatalogTranslation } from './course-page-i18n';

/** Where the link was shared from, for reach statistics later (`utm_source`). */
export function shareUrl(pageUrl: string, source: string): string {
  const url = new URL(pageUrl);
  url.searchParams.set('utm_source', source);
  url.searchParams.set('utm_medium', 'share');
  return url.toString();
}

const enc = encodeURIComponent;

/** The share targets people use in the programme's region, each as a plain link. */
export function shareTargets(pageUrl: string, text: string) {
  return [
    { key: 'facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${enc(shareUrl(pageUrl, 'facebook'))}` },
    { key: 'line', href: `https://social-plugins.line.me/lineit/share?url=${enc(shareUrl(pageUrl, 'line'))}&text=${enc(text)}` },
    { key: 'x', href: `https://twitter.com/intent/tweet?url=${enc(shareUrl(pageUrl, 'x'))}&text=${enc(text)}` },
  ] as const;
}

/**
 * Share buttons: Facebook, LINE and X as links (a new tab), copy link, and the device's own
 * share sheet where the browser has one. Shown once the page runs in a browser, which knows
 * the page's address (the server-rendered HTML has the card tags for crawlers instead).
 */
export function ShareButtons({ title }: { title: string }) {
  const { t } = useCatalogTranslation();
  const [page, setPage] = useState<string | null>(null);
  const [canShare, setCanShare] = useState(false);
  const [message, setMessage] = useState('');

  useEffect(() => {
    setPage(window.location.origin + window.location.pathname);
    setCanShare(typeof navigator.share === 'function');
  }, []);

  const text = t('share.text', { title });

  return (
    <section className="share" aria-labelledby="share-heading">
      <h2 id="share-heading">{t('share.heading')}</h2>
      {page && (
        <ul className="share__list" role="list">
          {canShare && (
            <li>
              <button
                type="button"
                className="ui-button ui-button--primary"
                onClick={() => void navigator.share({ title, text, url: shareUrl(page, 'native') }).catch(() => undefined)}
              >
                {t('share.native')}
              </button>
            </li>
          )}
          {shareTargets(page, text).map((target) => (
            <li key={target.key}>
              <a className={`ui-button ui-button--secondary share__link share__link--${target.key}`} href={target.href} target="_blank" rel="noopener noreferrer">
                {t(`share.${target.key}`)}
                <span className="visually-hidden"> {t('page.opensNewTab')}</span>
              </a>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="ui-button ui-button--secondary"
              onClick={() => {
                const url = shareUrl(page, 'copy');
                if (!navigator.clipboard) {
                  setMessage(t('share.copyFailed'));
                  return;
                }
                navigator.clipboard.writeText(url).then(
                  () => setMessage(t('share.copied')),
                  () => setMessage(t('share.copyFailed')),
                );
              }}
            >
              {t('share.copy')}
            </button>
          </li>
        </ul>
      )}
      <p className="share__status" role="status" aria-live="polite">
        {message}
      </p>
    </section>
  );
}
