/** The audit ledger feature's face: the only file the app shell imports from it. */
import type { Section } from '../../app/sections.ts';

export { ledgerMessages } from './i18n.ts';

export const auditLedgerSection: Section = {
  area: 'dashboard',
  slug: 'audit-ledger',
  titleKey: 'ledger:section.title',
  // The verification code (noble's Ed25519 and SHA-256) arrives with the page, not with the shell.
  loadPage: () => import('./AuditLedgerSection.tsx').then((module) => module.AuditLedgerSection),
};

export const ledgerSections: readonly Section[] = [auditLedgerSection];

// The sharing feature proves each access to a citizen's data against the same verified checkpoint.
export { decodeBase64 } from './base64.ts';
export { auditLatestCheckpoint } from './checkpointAudit.ts';
export { checkEventInclusion } from './eventInclusion.ts';
