import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session-context';
import { hasRole } from '../../auth/session-store';
import { Link } from '../../routing/link';

/*
 * The header links to the certificate screens. Part of the start page, so kept light: native
 * links, no query, no credentials strings (the labels are in the shared `shell.nav` keys).
 */
export function CredentialsNavItems({ current }: { current: string }) {
  const { t } = useTranslation();
  const session = useSession();
  if (session.status !== 'signedIn' || !session.user) return null;
  const items = [
    { href: '/me/certificates', label: t('shell.nav.certificates') },
    ...(hasRole(session, 'admin') ? [{ href: '/admin/certificates', label: t('shell.nav.adminCertificates') }] : []),
  ];
  return (
    <>
      {items.map((item) => (
        <li key={item.href}>
          <Link href={item.href} className="site-nav__link" aria-current={current === item.href ? 'page' : undefined}>
            {item.label}
          </Link>
        </li>
      ))}
    </>
  );
}
