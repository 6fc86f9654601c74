import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createVault } from '../../platform/vault/index.ts';
import { BOSTON_311, type ImportProgress, importBoston311, zonedWallTimeToDate } from './import-311.ts';
import { buildFeedbackWorld, type FeedbackWorld, XIXI } from './test-fixtures.ts';

const DATASET = path.resolve('../shared/datasets/feedback/boston311-100.csv');

function readDataset(): string {
  if (!fs.existsSync(DATASET)) {
    throw new Error(
      `The Boston 311 sample is missing at ${DATASET}: these tests need ../shared/datasets/feedback/ (see DESIGN.md).`,
    );
  }
  return fs.readFileSync(DATASET, 'utf8');
}

let t: TestApp;
let world: FeedbackWorld;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildFeedbackWorld(t.database.db, t.clock, createVault(t.config.vaultKeys));
});
afterAll(async () => {
  await t.close();
});

describe('Boston 311 import', () => {
  it('reads Boston wall-clock times as Boston time, across daylight saving', () => {
    expect(zonedWallTimeToDate('2022-01-21 13:47:00', 'America/New_York').toISOString()).toBe(
      '2022-01-21T18:47:00.000Z',
    );
    expect(zonedWallTimeToDate('2022-07-01 08:00:00', 'America/New_York').toISOString()).toBe(
      '2022-07-01T12:00:00.000Z',
    );
  });

  it('imports all 100 records with the mapped category and kind, reporting progress, and only once', async () => {
    const csv = readDataset();
    const source = parse(csv, { columns: true }) as Record<string, string>[];
    const progress: ImportProgress[] = [];
    const deps = { db: t.database.db, clock: t.clock, vault: createVault(t.config.vaultKeys) };
    const report = await importBoston311(deps, csv, {
      divisionCode: XIXI,
      onProgress: (step) => progress.push(step),
    });
    expect(report).toEqual({ imported: 100, alreadyImported: 0, unmapped: [], invalid: [] });
    expect(progress[0]).toEqual({ done: 0, total: 100 });
    expect(progress.at(-1)).toEqual({ done: 100, total: 100 });
    expect(progress.map((step) => step.done)).toEqual([...Array(101).keys()]);

    const mapping = new Map(
      (
        await t.database.db
          .selectFrom('feedback_category_mapping')
          .select(['external_type', 'category_code', 'kind'])
          .where('source', '=', BOSTON_311)
          .execute()
      ).map((row) => [row.external_type, row]),
    );
    const imported = new Map(
      (
        await t.database.db
          .selectFrom('feedback_request')
          .select([
            'external_id',
            'category_code',
            'kind',
            'status',
            'channel',
            'submitted_at',
            'closed_at',
            'status_notes',
            'latitude',
          ])
          .where('external_source', '=', BOSTON_311)
          .execute()
      ).map((row) => [row.external_id, row]),
    );
    expect(imported.size).toBe(100);
    for (const record of source) {
      const row = imported.get(record.case_enquiry_id!)!;
      const expected = mapping.get(record.type!)!;
      expect({ id: record.case_enquiry_id, category: row.category_code, kind: row.kind }).toEqual({
        id: record.case_enquiry_id,
        category: expected.category_code,
        kind: expected.kind,
      });
      expect(row.status).toBe(record.case_status === 'Closed' ? 'closed' : 'open');
      expect(row.channel).toBe('import');
      expect(row.latitude).toBe(Number(record.latitude));
    }
    const counts = await sql<{ status: string; n: string }>`
      select status, count(*)::text as n from feedback_request where external_source = ${BOSTON_311} group by status order by status
    `.execute(t.database.db);
    expect(counts.rows).toEqual([
      { status: 'closed', n: '85' },
      { status: 'open', n: '15' },
    ]);
    const first = imported.get('101004143000')!;
    expect(first.submitted_at.toISOString()).toBe('2022-01-21T18:47:00.000Z');
    const needle = imported.get('101004130437')!;
    expect(needle).toMatchObject({ category_code: 'public-health', kind: 'demand', status: 'closed' });
    expect(needle.closed_at?.toISOString()).toBe('2022-01-19T16:42:16.000Z');
    expect(needle.status_notes).toMatch(/^Case Closed\. Closed date/);

    // Road damage went to the township's urban-management team by the county's rule.
    const routed = await t.database.db
      .selectFrom('feedback_request')
      .select(['holder_organisation_id'])
      .where('external_source', '=', BOSTON_311)
      .where('category_code', '=', 'road-damage')
      .execute();
    expect(routed.length).toBeGreaterThan(0);
    expect(new Set(routed.map((row) => row.holder_organisation_id))).toEqual(
      new Set([world.units.xixiUrban]),
    );

    const again = await importBoston311(deps, csv, { divisionCode: XIXI });
    expect(again).toEqual({ imported: 0, alreadyImported: 100, unmapped: [], invalid: [] });
  });

  it('reports a type it has no mapping for instead of guessing, and refuses a file that is not an export', async () => {
    const deps = { db: t.database.db, clock: t.clock, vault: createVault(t.config.vaultKeys) };
    const [header, first] = readDataset().split('\n');
    const row = first!
      .replace('101004143000', '999')
      .replace('General Comments For a Program or Policy', 'Unknown Type');
    const report = await importBoston311(deps, `${header}\n${row}\n`, { divisionCode: XIXI });
    expect(report).toEqual({
      imported: 0,
      alreadyImported: 0,
      unmapped: [{ externalId: '999', type: 'Unknown Type' }],
      invalid: [],
    });
    await expect(importBoston311(deps, 'a,b\n1,2\n', { divisionCode: XIXI })).rejects.toThrow(
      /lacks the columns/,
    );
  });
});
