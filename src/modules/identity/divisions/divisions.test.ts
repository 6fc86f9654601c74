import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { pathOfCode } from './source.ts';
import { countByLevel, countSubtree, isInSubtree } from './store.ts';

describe('administrative divisions (statistical codes 2023)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('loads the nation and every province, city, county and township', async () => {
    const counts = await countByLevel(t.database.db);
    expect(Object.fromEntries(counts)).toEqual({ 0: 1, 1: 31, 2: 342, 3: 2978, 4: 41352 });
    expect(await countSubtree(t.database.db, '0')).toBe(1 + 31 + 342 + 2978 + 41352);
  });

  it('audits the import in the same transactions', async () => {
    const events = await sql<{ n: number }>`
      select count(*)::int as n from ledger_pending where record_type = 'identity.division-batch'
    `.execute(t.database.db);
    expect(events.rows[0]?.n).toBeGreaterThan(0);
  });

  it('gives a division with its ancestors and a display name without placeholders', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/divisions/110101' });
    expect(response.statusCode).toBe(200);
    const division = response.json();
    expect(division).toMatchObject({
      code: '110101',
      name: '东城区',
      level: 3,
      levelName: { 'zh-CN': '县级', en: 'County' },
      fullName: '北京市东城区',
    });
    expect(division.ancestors.map((a: { code: string }) => a.code)).toEqual(['0', '11', '1101']);
    expect(division.ancestors[2]).toMatchObject({ name: '市辖区', isPlaceholder: true });
    expect(division.childCount).toBeGreaterThan(0);

    const xihu = (await t.app.inject({ method: 'GET', url: '/api/divisions/330106' })).json();
    expect(xihu.fullName).toBe('浙江省杭州市西湖区');
  });

  it('lists children, the provinces under the nation', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/divisions/0/children' });
    const { children } = response.json();
    expect(children).toHaveLength(31);
    expect(children[0]).toMatchObject({ code: '11', name: '北京市', level: 1 });
    expect(children.every((child: { childCount: number }) => child.childCount > 0)).toBe(true);
  });

  it('finds divisions by name within a subtree, prefix matches first', async () => {
    const everywhere = (await t.app.inject({ method: 'GET', url: '/api/divisions?q=西湖&limit=50' })).json();
    expect(everywhere.results.map((r: { fullName: string }) => r.fullName)).toContain('浙江省杭州市西湖区');
    const inJiangxi = (await t.app.inject({ method: 'GET', url: '/api/divisions?q=西湖&within=36' })).json();
    expect(inJiangxi.results.length).toBeGreaterThan(0);
    expect(inJiangxi.results.every((r: { code: string }) => r.code.startsWith('36'))).toBe(true);
    const literal = (await t.app.inject({ method: 'GET', url: '/api/divisions?q=%25' })).json();
    expect(literal.results).toEqual([]);
  });

  it('answers bad or unknown codes with 4xx problems', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: '/api/divisions/999999' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('identity.division-not-found');
    for (const url of [
      '/api/divisions/12345',
      '/api/divisions/abc',
      '/api/divisions?q=',
      '/api/divisions?q=x&within=1',
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
    }
  });

  it('keeps the tree consistent: a division lies in exactly the subtrees of its code prefixes', async () => {
    const sample = await sql<{
      code: string;
    }>`select code from division where level = 4 order by code`.execute(t.database.db);
    const codes = sample.rows.map((row) => row.code);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: codes.length - 1 }),
        fc.integer({ min: 0, max: codes.length - 1 }),
        async (i, j) => {
          const [township, other] = [codes[i]!, codes[j]!];
          for (const ancestorLength of [2, 4, 6]) {
            const ancestorPath = pathOfCode(other.slice(0, ancestorLength));
            const expected = township.slice(0, ancestorLength) === other.slice(0, ancestorLength);
            expect(await isInSubtree(t.database.db, ancestorPath, township)).toBe(expected);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
