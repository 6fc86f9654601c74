/** The administration feature's face: the only file the app shell imports from it. */
import type { RouteObject } from 'react-router';

export { AdministrationNavLink } from './AdministrationNavLink.tsx';
/** Parts of the administration pages that other features' administration pages share. */
export { DataTable, OrganisationSelect } from './adminForms.tsx';
export { administrationMessages } from './i18n.ts';
export { focusSoon } from './paths.ts';

/** The pages load on first visit: citizens never download the administrators' code. */
export const administrationRoutes: readonly RouteObject[] = [
  {
    path: 'admin',
    lazy: async () => ({ Component: (await import('./AdministrationLayout.tsx')).AdministrationLayout }),
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./AdministrationLayout.tsx')).AdministrationIndex }),
      },
      {
        path: 'divisions',
        lazy: async () => ({ Component: (await import('./DivisionsPage.tsx')).DivisionsPage }),
      },
      {
        path: 'organisations',
        lazy: async () => ({ Component: (await import('./OrganisationsPage.tsx')).OrganisationsPage }),
      },
      { path: 'staff', lazy: async () => ({ Component: (await import('./StaffPage.tsx')).StaffPage }) },
      { path: 'roles', lazy: async () => ({ Component: (await import('./RolesPage.tsx')).RolesPage }) },
      { path: 'grants', lazy: async () => ({ Component: (await import('./GrantsPage.tsx')).GrantsPage }) },
    ],
  },
];
