import { createBrowserRouter, Navigate, type RouteObject, useLocation } from 'react-router';
import { accountRoutes } from '../features/account/index.ts';
import { administrationRoutes } from '../features/administration/index.ts';
import { calendarAdministrationRoutes } from '../features/calendar/index.ts';
import { credentialsRoutes } from '../features/credentials/index.ts';
import { hotTopicRoutes } from '../features/hot-topics/index.ts';
import { notificationAdministrationRoutes, notificationRoutes } from '../features/notifications/index.ts';
import { servicesRoutes } from '../features/services/index.ts';
import { singleSignOnAdministrationRoutes, singleSignOnRoutes } from '../features/single-sign-on/index.ts';
import { AccessibilityStatementPage } from './AccessibilityStatementPage.tsx';
import { AreaLayout } from './AreaLayout.tsx';
import { HomePage } from './HomePage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { PageLoading } from './PageLoading.tsx';
import { RouteErrorPage } from './RouteErrorPage.tsx';
import { Shell } from './Shell.tsx';
import { type AreaId, areaPaths, populatedAreas, sectionsIn } from './sections.ts';

/** Moves to a section of the area, keeping the query, so a printed link with filters still applies them. */
function ToSection({ slug }: { slug: string }) {
  const { search } = useLocation();
  return <Navigate to={{ pathname: slug, search }} replace />;
}

function areaRoute(area: AreaId): RouteObject {
  const sections = sectionsIn(area);
  const [firstSection] = sections;
  return {
    path: areaPaths[area],
    element: <AreaLayout area={area} />,
    children: [
      // The area's address leads to its first section rather than to a page of links to one.
      { index: true, element: firstSection && <ToSection slug={firstSection.slug} /> },
      ...sections.map(
        (section): RouteObject => ({
          path: section.slug,
          lazy: async () => ({ Component: await section.loadPage() }),
        }),
      ),
    ],
  };
}

export const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      {
        // Inside the shell, so that an error or a page still loading keeps the header, navigation and footer.
        errorElement: <RouteErrorPage />,
        HydrateFallback: PageLoading,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'accessibility', element: <AccessibilityStatementPage /> },
          ...populatedAreas.map(areaRoute),
          ...accountRoutes,
          ...credentialsRoutes,
          ...notificationRoutes,
          ...singleSignOnRoutes,
          ...servicesRoutes,
          ...hotTopicRoutes,
          // The administration area's layout frames every page in it, the single sign-on clients too.
          ...administrationRoutes.map(
            (route): RouteObject =>
              route.path === 'admin' && !route.index
                ? {
                    ...route,
                    children: [
                      ...(route.children ?? []),
                      ...singleSignOnAdministrationRoutes,
                      ...calendarAdministrationRoutes,
                      ...notificationAdministrationRoutes,
                    ],
                  }
                : route,
          ),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
