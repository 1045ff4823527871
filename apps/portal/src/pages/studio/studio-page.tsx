import { useLocation } from '../../routing/location';
import CourseEditorPage from './course-editor-page';
import MyCoursesPage from './my-courses-page';
import PreviewPage from './preview-page';
import { STUDIO_ROUTES } from './studio-common';

/**
 * The studio's one entry in the route table (routing/routes.tsx): one chunk and one preload list
 * for its three screens, so the start page's route table grows by a single import.
 */
export default function StudioPage() {
  const { pathname } = useLocation();
  const path = pathname.replace(/(.)\/+$/, '$1');
  if (path === STUDIO_ROUTES.course) return <CourseEditorPage />;
  if (path === STUDIO_ROUTES.preview) return <PreviewPage />;
  return <MyCoursesPage />;
}
