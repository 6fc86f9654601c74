/** The hot-topics feature's face: the only file the app shell imports from it. */
import type { RouteObject } from 'react-router';

export { type AlertSummary, acknowledgeAlert, fetchAlerts } from './hotTopicsApi.ts';
export { hotTopicsMessages } from './i18n.ts';
export { hotTopicPaths } from './paths.ts';

export const hotTopicRoutes: readonly RouteObject[] = [
  {
    path: 'hot-topics',
    lazy: async () => ({ Component: (await import('./HotTopicsPage.tsx')).HotTopicsPage }),
  },
  {
    path: 'hot-topics/:id',
    lazy: async () => ({ Component: (await import('./HotTopicPage.tsx')).HotTopicPage }),
  },
];
