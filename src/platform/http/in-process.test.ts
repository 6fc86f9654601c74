import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/test-app.ts';
import { createInProcessMark, IN_PROCESS_HEADER, isMarkedInProcess } from './in-process.ts';

describe('the in-process mark', () => {
  it('is recognised only with its exact value, and differs per process', () => {
    const mark = createInProcessMark();
    const request = (headers: Record<string, string>) => ({ headers }) as never;
    expect(isMarkedInProcess(request({ [IN_PROCESS_HEADER]: mark.value }), mark)).toBe(true);
    expect(isMarkedInProcess(request({ [IN_PROCESS_HEADER]: `${mark.value}x` }), mark)).toBe(false);
    expect(isMarkedInProcess(request({}), mark)).toBe(false);
    expect(createInProcessMark().value).not.toBe(mark.value);
  });

  it('cannot be forged by a client to escape the rate limit', async () => {
    const t = await createTestApp({ env: { SHUZHI_RATE_LIMIT_PER_MINUTE: '2' }, contents: 'migrated' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await t.app.inject({
          method: 'GET',
          url: '/api/ledger/checkpoint',
          headers: { [IN_PROCESS_HEADER]: 'guessed' },
        });
        statuses.push(response.statusCode);
      }
      // 404 while the ledger is empty; the third is refused by the limit whatever the header says.
      expect(statuses).toEqual([404, 404, 429]);
    } finally {
      await t.close();
    }
  });
});
