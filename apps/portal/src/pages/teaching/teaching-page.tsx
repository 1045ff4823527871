import { useLocation } from '../../routing/location';
import CheckInPage from './check-in-page';
import LearnersPage from './learners-page';
import SessionPage from './session-page';
import SessionsPage from './sessions-page';
import { TEACHING_ROUTES } from './teaching-common';

/**
 * The teaching screens' one entry in the route table (routing/routes.tsx): one lazy chunk with
 * its strings, so neither the learner's first download nor the studio's chunk grows.
 */
export default function TeachingPage() {
  const { pathname } = useLocation();
  const path = pathname.replace(/(.)\/+$/, '$1');
  if (path === TEACHING_ROUTES.sessions) return <SessionsPage />;
  if (path === TEACHING_ROUTES.session) return <SessionPage />;
  if (path === TEACHING_ROUTES.checkIn) return <CheckInPage />;
  return <LearnersPage />;
}
