/** The services feature's face: the only file the app shell imports from it. */
import type { RouteObject } from 'react-router';
import type { Section } from '../../app/sections.ts';

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
];

/** A guide has its own address under the catalogue's; it loads on first visit. */
export const servicesRoutes: readonly RouteObject[] = [
  {
    path: 'services/items/:code',
    lazy: async () => ({ Component: (await import('./GuidePage.tsx')).GuidePage }),
  },
];
