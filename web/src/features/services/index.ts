/** The services feature's face: the only file the app shell imports from it. */
import type { RouteObject } from 'react-router';
import type { Section } from '../../app/sections.ts';

export { applicationsMessages } from './applications/i18n.ts';
export { servicesMessages } from './i18n.ts';
export { servicesPaths } from './paths.ts';
export { ServicesHomeLink } from './ServicesHomeLink.tsx';

/**
 * The catalogue is the citizen portal's first section, so the portal's own address (/services) leads
 * to it and other portal sections (feedback, …) sit beside it in the portal's navigation.
 */
export const servicesSections: readonly Section[] = [
  {
    area: 'portal',
    slug: 'items',
    titleKey: 'services:catalogue.title',
    loadPage: () => import('./CataloguePage.tsx').then((module) => module.CataloguePage),
  },
  {
    area: 'portal',
    slug: 'applications',
    titleKey: 'applications:mine.title',
    loadPage: () =>
      import('./applications/MyApplicationsPage.tsx').then((module) => module.MyApplicationsPage),
  },
  {
    area: 'portal',
    slug: 'status',
    titleKey: 'applications:status.title',
    loadPage: () => import('./applications/StatusPage.tsx').then((module) => module.StatusPage),
  },
];

/** A guide has its own address under the catalogue's; it loads on first visit. */
export const servicesRoutes: readonly RouteObject[] = [
  {
    path: 'services/items/:code',
    lazy: async () => ({ Component: (await import('./GuidePage.tsx')).GuidePage }),
  },
  {
    path: 'services/items/:code/apply',
    lazy: async () => ({ Component: (await import('./applications/ApplyPage.tsx')).ApplyPage }),
  },
  {
    path: 'services/applications/:id',
    lazy: async () => ({ Component: (await import('./applications/TrackingPage.tsx')).TrackingPage }),
  },
  {
    path: 'services/applications/:id/form',
    lazy: async () => ({
      Component: (await import('./applications/ApplicationFormPage.tsx')).ApplicationFormPage,
    }),
  },
];
