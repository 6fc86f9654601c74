/**
 * The section registry. The shell has three areas (citizen portal, staff workbench, governance
 * dashboard); features fill them with sections. An area appears in the navigation only once it has
 * a section, so the shell never shows an empty page for a module that has not landed yet.
 */
import type { ComponentType } from 'react';
import { feedbackSections } from '../features/feedback/index.ts';
import { feedbackDeskSections } from '../features/feedback-desk/index.ts';
import { feedbackLeadersSections } from '../features/feedback-leaders/index.ts';
import { feesSections } from '../features/fees/index.ts';
import { ledgerSections } from '../features/ledger/index.ts';
import { platformSections } from '../features/platform/index.ts';
import { servicesSections } from '../features/services/index.ts';
import { sharingSections } from '../features/sharing/index.ts';
import { workbenchSections } from '../features/workbench/index.ts';
import type { MessageKey } from './i18n.ts';

const areaIds = ['portal', 'workbench', 'dashboard'] as const;
export type AreaId = (typeof areaIds)[number];

/** Public URLs that people bookmark and print on notices: never rename them. */
export const areaPaths: Record<AreaId, string> = {
  portal: '/services',
  workbench: '/workbench',
  dashboard: '/dashboard',
};

export interface Section {
  area: AreaId;
  /** The URL segment under the area's path, e.g. /dashboard/platform-status; as stable as the area paths. */
  slug: string;
  /** Names the section in its area's navigation, e.g. 'platform:statusSection.title'. */
  titleKey: MessageKey;
  /** Loaded on first visit, so that a citizen on the portal never downloads the dashboard's code. */
  loadPage: () => Promise<ComponentType>;
}

/** Every feature's sections, in navigation order. A feature joins the shell by adding its list here. */
const sections: readonly Section[] = [
  ...servicesSections,
  ...platformSections,
  ...ledgerSections,
  ...workbenchSections,
  ...feesSections,
  ...feedbackSections,
  ...feedbackDeskSections,
  ...feedbackLeadersSections,
  ...sharingSections,
];

export function sectionsIn(area: AreaId): readonly Section[] {
  return sections.filter((section) => section.area === area);
}

export function pathOf(section: Section): string {
  return `${areaPaths[section.area]}/${section.slug}`;
}

export const populatedAreas: readonly AreaId[] = areaIds.filter((area) => sectionsIn(area).length > 0);
