import type { Language } from '../../app/languages.ts';

const zhCN = {
  statusWord: {
    checking: '正在检查…',
    ok: '运行正常',
    degraded: '服务降级',
    unreachable: '无法连接',
  },
  statusCard: {
    heading: '平台状态',
    announcementPrefix: '平台状态：',
    version: '版本',
    database: '数据库',
    degradedHint: '部分功能可能暂时不可用。详细状态会显示是哪一部分出了问题。',
    unreachableHint: '暂时无法从平台服务获取状态，页面会每 {{seconds}} 秒自动重试。',
    details: '查看详细状态',
  },
  statusSection: {
    title: '平台状态',
    introduction: '本页显示平台服务、数据库和数据库迁移的实时状况，每 {{seconds}} 秒自动刷新。',
    refresh: '立即刷新',
    service: '服务',
    version: '版本',
    uptime: '已运行',
    checkedAt: '检查时间',
    database: '数据库',
    databaseKind: '类型',
    reachability: '连接',
    reachable: '可连接',
    notReachable: '无法连接',
    latency: '响应延迟',
    latencyUnknown: '无（数据库未响应）',
    migrations: '数据库迁移',
    applied: '已执行',
    available: '已提供',
    isCurrent: '结构是否最新',
    current: '是，已是最新',
    notCurrent: '否，有待执行的迁移',
    unreachableDetail:
      '浏览器无法从平台服务获取状态：服务可能未运行，或网络连接中断。页面会每 {{seconds}} 秒自动重试。',
    unreachableStatus: '服务返回了 HTTP {{status}}。',
  },
  databaseKind: {
    pglite: 'PGlite（嵌入式 PostgreSQL）',
    postgresql: 'PostgreSQL',
  },
};

const en: typeof zhCN = {
  statusWord: {
    checking: 'Checking…',
    ok: 'Operational',
    degraded: 'Degraded',
    unreachable: 'Unreachable',
  },
  statusCard: {
    heading: 'Platform status',
    announcementPrefix: 'Platform status: ',
    version: 'Version',
    database: 'Database',
    degradedHint:
      'Some services may be unavailable for now. The detailed status shows which part is affected.',
    unreachableHint:
      'The platform service cannot be reached right now; this page retries every {{seconds}} seconds.',
    details: 'View detailed status',
  },
  statusSection: {
    title: 'Platform status',
    introduction:
      'This page shows the live state of the platform service, its database and database migrations. It refreshes every {{seconds}} seconds.',
    refresh: 'Refresh now',
    service: 'Service',
    version: 'Version',
    uptime: 'Running for',
    checkedAt: 'Checked at',
    database: 'Database',
    databaseKind: 'Kind',
    reachability: 'Connection',
    reachable: 'Reachable',
    notReachable: 'Not reachable',
    latency: 'Latency',
    latencyUnknown: 'None (the database did not answer)',
    migrations: 'Database migrations',
    applied: 'Applied',
    available: 'Available',
    isCurrent: 'Schema up to date',
    current: 'Yes, up to date',
    notCurrent: 'No, migrations are pending',
    unreachableDetail:
      'The browser could not get the status from the platform service: the service may not be running, or the network is down. This page retries every {{seconds}} seconds.',
    unreachableStatus: 'The service answered HTTP {{status}}.',
  },
  databaseKind: {
    pglite: 'PGlite (embedded PostgreSQL)',
    postgresql: 'PostgreSQL',
  },
};

export const platformMessages: Record<Language, typeof zhCN> = { 'zh-CN': zhCN, en };
