import type { SeedStep } from '../../platform/seeding/index.ts';
import { defineRole } from '../identity/index.ts';
import { CREDENTIAL_TYPES, claimsSchemaOf, disclosureOf } from './credential-types.ts';
import { ISSUE_CREDENTIALS, READ_CREDENTIALS, REVOKE_CREDENTIALS } from './service.ts';
import { upsertCredentialType } from './store.ts';

/** The credential types and the role of the staff who issue them, loaded by `serve` and `seed`. */
export const credentialsReferenceSteps: readonly SeedStep[] = [
  {
    name: 'credentials.types',
    description:
      'Credential types: business licence, individual business licence, food business permit, birth medical certificate, residence certificate',
    async run({ db, clock }) {
      const now = clock.now();
      for (const type of CREDENTIAL_TYPES) {
        await upsertCredentialType(db, {
          code: type.code,
          name_zh: type.nameZh,
          name_en: type.nameEn,
          issuer_kind: type.issuerKind,
          subject_kind: type.subjectKind,
          claims_schema: claimsSchemaOf(type),
          disclosure: disclosureOf(type),
          validity_years: type.validityYears,
          is_shareable: type.isShareable,
          created_at: now,
          updated_at: now,
        });
      }
    },
  },
  {
    name: 'credentials.officer-role',
    description: 'The built-in role of staff who issue, revoke and read credentials for their organisation',
    async run({ db, clock }) {
      await defineRole(
        db,
        clock,
        { kind: 'system', id: 'seed' },
        {
          code: 'credential-officer',
          nameZh: '证照管理员',
          nameEn: 'Credential officer',
          permissions: [ISSUE_CREDENTIALS, REVOKE_CREDENTIALS, READ_CREDENTIALS],
        },
        true,
      );
    },
  },
];
