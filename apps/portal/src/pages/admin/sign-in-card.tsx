import { useEffect, useRef } from 'react';
import type { AdminUserDto, SignInCardDto } from '../../auth/accounts-api';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { formatDate, isoDate } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import './sign-in-card.css';

/**
 * The printable card. The QR code is the API's SVG shown as an image (a data: URL), so nothing in
 * it can run as part of the page. Print styles (sign-in-card.css) leave only the card on paper.
 */
export function SignInCard({ user, card, focusOnMount = false }: { user: AdminUserDto; card: SignInCardDto; focusOnMount?: boolean }) {
  const { t, i18n } = useAccountsTranslation();
  const locale = currentLocale(i18n);
  const heading = useRef<HTMLHeadingElement>(null);
  // Shown after a dialog closed: focus goes to the card, not back to the page's start.
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(card.qrSvg)}`;
  return (
    <section className="sign-in-card" aria-labelledby="sign-in-card-title">
      <h2 id="sign-in-card-title" ref={heading} tabIndex={focusOnMount ? -1 : undefined}>{t('admin.assisted.cardTitle', { name: user.displayName })}</h2>
      <div className="sign-in-card__body">
        <img className="sign-in-card__qr" src={qr} alt={t('admin.assisted.qrAlt')} width={176} height={176} />
        <dl className="sign-in-card__codes">
          <dt>{t('admin.assisted.accountCode')}</dt>
          <dd className="sign-in-card__code">{card.accountCode}</dd>
          <dt>{t('admin.assisted.oneTimeCode')}</dt>
          <dd className="sign-in-card__code">{card.oneTimeCode}</dd>
          <dt>{t('admin.assisted.address')}</dt>
          <dd className="sign-in-card__url">{card.signInUrl}</dd>
          <dt>{t('admin.assisted.expires')}</dt>
          <dd>
            <time dateTime={isoDate(card.expiresAt)}>{formatDate(card.expiresAt, locale)}</time>
          </dd>
        </dl>
      </div>
      <ol className="sign-in-card__steps">
        <li>{t('admin.assisted.step1')}</li>
        <li>{t('admin.assisted.step2')}</li>
        <li>{t('admin.assisted.step3')}</li>
      </ol>
    </section>
  );
}
