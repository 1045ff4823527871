import { RequireSession } from '../../auth/require-session';
import { useLocation } from '../../routing/location';
import { AdminCertificates } from './admin-certificates';
import { parseCredentialsPath } from './credentials-common';
import { useCredentialsTranslation } from './credentials-i18n';
import { MyCertificates } from './my-certificates';
import { VerifyScreen } from './verify-screen';
import './credentials.css';

/**
 * The certificate screens' one entry in the route table (routing/routes.tsx), one lazy chunk with
 * their strings: `/me/certificates` (learner), `/verify/{code}` (public: no sign-in) and
 * `/admin/certificates` (admins).
 */
export default function CredentialsPage() {
  useCredentialsTranslation(); // the strings are in place before any screen renders
  const { pathname } = useLocation();
  const route = parseCredentialsPath(pathname);
  if (route.screen === 'verify') return <VerifyScreen key={route.code} code={route.code} />;
  if (route.screen === 'admin') {
    return (
      <RequireSession roles={['admin']}>
        <AdminCertificates />
      </RequireSession>
    );
  }
  return (
    <RequireSession>
      <MyCertificates />
    </RequireSession>
  );
}
