/** The notifications feature's face: the only file the app shell imports from it. */
import type { RouteObject } from 'react-router';

export { notificationsMessages } from './i18n.ts';
export { NotificationBell } from './NotificationBell.tsx';
export { notificationPaths } from './paths.ts';

export const notificationRoutes: readonly RouteObject[] = [
  {
    path: 'account/notifications',
    lazy: async () => ({ Component: (await import('./NotificationsPage.tsx')).NotificationsPage }),
  },
];

/** Pages inside the administration area's frame. */
export const notificationAdministrationRoutes: readonly RouteObject[] = [
  {
    path: 'notifications',
    lazy: async () => ({ Component: (await import('./OutboxPage.tsx')).OutboxPage }),
  },
];
