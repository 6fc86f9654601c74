import type { SeedStep } from '../../../platform/seeding/index.ts';
import { defineRole } from '../../identity/index.ts';
import { MANAGE_CATALOGUE } from './service.ts';

/** Reference data of the catalogue: the role that edits it (granted at the nation, a province or a division). */
export const catalogueReferenceSteps: readonly SeedStep[] = [
  {
    name: 'services.catalogue-editor-role',
    description: 'The built-in role of catalogue editors (服务事项目录管理员)',
    async run({ db, clock }) {
      await defineRole(
        db,
        clock,
        { kind: 'system', id: 'seed' },
        {
          code: 'services-catalogue-editor',
          nameZh: '政务服务事项目录管理员',
          nameEn: 'Service catalogue editor',
          permissions: [MANAGE_CATALOGUE],
        },
        true,
      );
    },
  },
];
