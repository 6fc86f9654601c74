import type { RoleDefinition } from './service.ts';

/**
 * Roles every deployment starts with. A role is only a set of permissions; where it applies is
 * decided by each grant (a county administrator is `identity-administrator` granted at a county).
 */
export const BUILT_IN_ROLES: readonly RoleDefinition[] = [
  {
    code: 'identity-administrator',
    nameZh: '身份与权限管理员',
    nameEn: 'Identity administrator',
    permissions: [
      'identity.organisations.manage',
      'identity.accounts.read',
      'identity.accounts.manage',
      'identity.roles.read',
      'identity.roles.manage',
      'identity.grants.manage',
      'identity.clients.manage',
      'platform.notifications.read',
    ],
  },
  {
    code: 'registrar',
    nameZh: '组织机构登记员',
    nameEn: 'Organisation registrar',
    permissions: ['identity.organisations.manage'],
  },
  {
    code: 'auditor',
    nameZh: '审计员',
    nameEn: 'Auditor',
    permissions: ['ledger.events.read', 'identity.accounts.read'],
  },
  {
    code: 'privacy-officer',
    nameZh: '个人信息保护专员',
    nameEn: 'Privacy officer',
    permissions: ['identity.accounts.read', 'identity.people.reveal'],
  },
  {
    // The working-day calendar is national (the State Council's notice); grant this at the root.
    code: 'calendar-administrator',
    nameZh: '工作日历管理员',
    nameEn: 'Calendar administrator',
    permissions: ['platform.calendar.manage'],
  },
  {
    code: 'service-handler',
    nameZh: '政务服务办理人员',
    nameEn: 'Service case handler',
    permissions: ['services.cases.handle'],
  },
  {
    code: 'feedback-handler',
    nameZh: '诉求办理人员',
    nameEn: 'Feedback handler',
    // Granted limited to one department: the requests that department holds, and the calls it takes.
    permissions: ['feedback.requests.handle', 'feedback.requests.enter'],
  },
];
