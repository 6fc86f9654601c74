import type { SeedStep } from '../../platform/seeding/index.ts';
import { defineRole } from '../identity/index.ts';
import { DECIDE_REQUESTS, MAKE_REQUESTS } from './agreements.ts';
import { MANAGE_RESOURCES, READ_CATALOGUE } from './catalogue.ts';
import { READ_OVERSIGHT } from './oversight.ts';
import { MANAGE_SYSTEMS } from './systems.ts';

export const DATA_SHARING_OFFICER = 'data-sharing-officer';

/** The built-in role of a department's data sharing officer (数据共享专员), granted limited to the department. */
export const sharingReferenceSteps: readonly SeedStep[] = [
  {
    name: 'sharing.data-sharing-officer-role',
    description: 'The built-in role of data sharing officers (数据共享专员)',
    async run({ db, clock }) {
      await defineRole(
        db,
        clock,
        { kind: 'system', id: 'seed' },
        {
          code: DATA_SHARING_OFFICER,
          nameZh: '数据共享专员',
          nameEn: 'Data sharing officer',
          permissions: [
            READ_CATALOGUE,
            MANAGE_RESOURCES,
            MAKE_REQUESTS,
            DECIDE_REQUESTS,
            MANAGE_SYSTEMS,
            READ_OVERSIGHT,
          ],
        },
        true,
      );
    },
  },
];
