/** The working-day calendar feature's face: the only file the app shell imports from it. */
import type { RouteObject } from 'react-router';

export { calendarMessages } from './i18n.ts';

/** Pages inside the administration area (its layout checks who may see them); they load on first visit. */
export const calendarAdministrationRoutes: readonly RouteObject[] = [
  {
    path: 'calendar',
    lazy: async () => ({ Component: (await import('./CalendarPage.tsx')).CalendarPage }),
  },
];
