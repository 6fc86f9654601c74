/** The services feature's face: the only file the app shell imports from it. */
import type { RouteObject } from 'react-router';

export { servicesMessages } from './i18n.ts';
export { servicesPaths } from './paths.ts';
export { ServicesHomeLink } from './ServicesHomeLink.tsx';

/** The public catalogue and its guides; they load on first visit. */
export const servicesRoutes: readonly RouteObject[] = [
  {
    path: 'services',
    lazy: async () => ({ Component: (await import('./CataloguePage.tsx')).CataloguePage }),
  },
  {
    path: 'services/items/:code',
    lazy: async () => ({ Component: (await import('./GuidePage.tsx')).GuidePage }),
  },
];
