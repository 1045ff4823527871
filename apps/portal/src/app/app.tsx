import { useTranslation } from 'react-i18next';
import { Link } from '../routing/link';
import { RouteView } from '../routing/routes';
import { LanguageSwitcher } from './language-switcher';
import './app.css';

export function App() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipLink')}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link href="/" className="brand">
            <span className="brand__name">
              <span lang="th">{t('brand.native')}</span> <span lang="th-Latn">{t('brand.latin')}</span>
            </span>
            <span className="brand__tagline">{t('brand.tagline')}</span>
          </Link>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" className="container site-main" tabIndex={-1}>
        <RouteView />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('shell.footer')}</p>
        </div>
      </footer>
    </>
  );
}

export default App;
