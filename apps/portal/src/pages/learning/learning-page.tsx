import { useLocation } from '../../routing/location';
import { RequireSession } from '../../auth/require-session';
import CheckInPage from './check-in-page';
import { LEARNING_ROUTES } from './learning-common';
import MyLearningPage from './my-learning-page';
import NotificationsPage from './notifications-page';
import PlayerPage from './player-page';
import { useProgressSync } from './progress-sync';
import './learning.css';

/**
 * The learner screens' one entry in the route table (routing/routes.tsx): one chunk for My
 * learning, the player, check-in and notifications; their strings load with it.
 */
export default function LearningPage() {
  const { pathname } = useLocation();
  const path = pathname.replace(/(.)\/+$/, '$1');
  // Check-in has its own guard (it keeps the code through sign-in).
  if (path.startsWith(LEARNING_ROUTES.checkInPrefix)) return <CheckInPage />;
  return (
    <RequireSession>
      <SignedInLearning path={path} />
    </RequireSession>
  );
}

function SignedInLearning({ path }: { path: string }) {
  useProgressSync();
  if (path === LEARNING_ROUTES.notifications) return <NotificationsPage />;
  if (path.startsWith(LEARNING_ROUTES.playerPrefix)) return <PlayerPage />;
  return <MyLearningPage />;
}
