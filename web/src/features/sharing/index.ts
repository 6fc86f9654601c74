/** The data-sharing feature's face: the only file the app shell imports from it. */
import type { ComponentType } from 'react';
import type { Section } from '../../app/sections.ts';

export { sharingMessages } from './i18n.ts';

const page =
  <Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) =>
  () =>
    load().then((module) => module[name]);

/** Citizens: every access to their data, each proven in the browser to be in the audit ledger. */
export const dataTrackerSection: Section = {
  area: 'portal',
  slug: 'my-data-accesses',
  titleKey: 'sharing:sections.tracker',
  loadPage: page(() => import('./DataTrackerPage.tsx'), 'DataTrackerPage'),
};

export const sharingSections: readonly Section[] = [
  dataTrackerSection,
  {
    area: 'portal',
    slug: 'data-consents',
    titleKey: 'sharing:sections.consents',
    loadPage: page(() => import('./ConsentsPage.tsx'), 'ConsentsPage'),
  },
  {
    area: 'workbench',
    slug: 'data-catalogue',
    titleKey: 'sharing:sections.catalogue',
    loadPage: page(() => import('./CataloguePage.tsx'), 'CataloguePage'),
  },
  {
    area: 'workbench',
    slug: 'data-requests',
    titleKey: 'sharing:sections.requests',
    loadPage: page(() => import('./RequestsPage.tsx'), 'RequestsPage'),
  },
  {
    area: 'workbench',
    slug: 'data-agreements',
    titleKey: 'sharing:sections.agreements',
    loadPage: page(() => import('./AgreementsPage.tsx'), 'AgreementsPage'),
  },
  {
    area: 'workbench',
    slug: 'data-systems',
    titleKey: 'sharing:sections.systems',
    loadPage: page(() => import('./SystemsPage.tsx'), 'SystemsPage'),
  },
  {
    area: 'dashboard',
    slug: 'data-sharing',
    titleKey: 'sharing:sections.oversight',
    loadPage: page(() => import('./OversightPage.tsx'), 'OversightPage'),
  },
];
