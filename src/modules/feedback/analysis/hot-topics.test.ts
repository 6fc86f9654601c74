import { describe, expect, it } from 'vitest';
import { type BurstOptions, newBurstState, updateBurst } from './burst.ts';
import { createHotTopicDetector, smallestCoveringDivision } from './hot-topics.ts';
import { createRandom } from './random.ts';
import { newSurgeState, updateSurge } from './surge.ts';
import { createTokenizer } from './tokenizer.ts';

const HOUR = 3600_000;
const T0 = Date.UTC(2026, 10, 1, 0);
const BURST: BurstOptions = { scale: 3, gamma: 1, horizonBins: 720 };

describe('burst automaton', () => {
  it('enters the burst state when a key takes several times its share, and leaves when it falls back', () => {
    const state = newBurstState(0);
    const states: boolean[] = [];
    const counts = [...Array(100).fill(1), 6, 7, 6, 8, ...Array(20).fill(1)];
    for (const count of counts) {
      updateBurst(state, count, 50, BURST);
      states.push(state.isBursting);
    }
    expect(states.slice(0, 100).every((isBursting) => !isBursting)).toBe(true);
    expect(states.slice(101, 104).every((isBursting) => isBursting)).toBe(true);
    expect(states.at(-1)).toBe(false);
  });
});

describe('EWMA surge', () => {
  it('surges on a count far above the moving share and not on ordinary noise', () => {
    const state = newSurgeState(0.02);
    const options = { alpha: 0.05, threshold: 5, exitThreshold: 1.5, minCount: 4 };
    const random = createRandom(3);
    for (let bin = 0; bin < 200; bin++) {
      updateSurge(state, random.poisson(1), 50, options);
      expect(state.isSurging).toBe(false);
    }
    updateSurge(state, 12, 50, options);
    expect(state.isSurging).toBe(true);
    expect(state.lastZ).toBeGreaterThan(5);
    updateSurge(state, 1, 50, options);
    expect(state.isSurging).toBe(false);
  });
});

describe('responsible division', () => {
  it('is the smallest division covering every request', () => {
    expect(smallestCoveringDivision(['330106005', '330106005'])).toBe('330106005');
    expect(smallestCoveringDivision(['330106005', '330106007'])).toBe('330106');
    expect(smallestCoveringDivision(['330106005', '330102003'])).toBe('3301');
    expect(smallestCoveringDivision(['330106005', '110101001'])).toBe('0');
    expect(smallestCoveringDivision(['330106005001', '330106005'])).toBe('330106005');
  });
});

describe('hot-topic detector', () => {
  it('reports a burst with keywords, trend, extent, responsible level and samples, then closes it', () => {
    const tokenizer = createTokenizer();
    const detector = createHotTopicDetector({ warmUpBins: 24 });
    const random = createRandom(11);
    const background = [
      { category: 'noise', divisionCode: '330106005', text: '楼上装修电钻声不断，严重影响休息' },
      { category: 'roads', divisionCode: '330106007', text: '天目山路人行道砖松动破损' },
      { category: 'sanitation', divisionCode: '330106004', text: '西溪新村垃圾桶满溢没人清运' },
      { category: 'traffic', divisionCode: '330106013', text: '丰潭路违章停车占用人行道' },
    ];
    let n = 0;
    const changes = [];
    for (let hour = 0; hour < 24 * 6; hour++) {
      const isBurstHour = hour >= 96 && hour < 104;
      for (const source of background) {
        for (let k = random.poisson(2); k > 0; k--) {
          n += 1;
          changes.push(
            ...detector.add({
              id: `bg-${n}`,
              at: T0 + hour * HOUR + random.int(HOUR),
              category: source.category,
              divisionCode: source.divisionCode,
              tokens: tokenizer.tokenize(source.text),
            }),
          );
        }
      }
      if (isBurstHour) {
        for (let k = 0; k < 6; k++) {
          n += 1;
          changes.push(
            ...detector.add({
              id: `gas-${n}`,
              at: T0 + hour * HOUR + k * 60_000,
              category: 'utilities',
              divisionCode: '330106011',
              point: { longitude: 120.075 + k * 0.0005, latitude: 30.28 + k * 0.0002 },
              tokens: tokenizer.tokenize(`蒋村花园${k + 1}幢燃气有异味怀疑泄漏，请尽快处理`),
            }),
          );
        }
      }
    }
    changes.push(...detector.advanceTo(T0 + 24 * 7 * HOUR));
    const alerts = detector.alerts();
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(alert?.key).toEqual({ kind: 'category-place', category: 'utilities', divisionCode: '330106011' });
    expect(alert?.category).toBe('utilities');
    expect(alert?.startAt).toBe(T0 + 96 * HOUR);
    expect(alert?.endAt).toBe(T0 + 104 * HOUR);
    expect(alert?.count).toBe(48);
    expect(alert?.detectors).toContain('burst');
    expect(alert?.keywords.map((keyword) => keyword.term)).toEqual(
      expect.arrayContaining(['燃气', '异味', '泄漏', '蒋村花园']),
    );
    expect(alert?.trend.slice(0, 6).every((bin) => bin.count === 0)).toBe(true);
    expect(alert?.trend.slice(6).map((bin) => bin.count)).toEqual(Array(8).fill(6));
    expect(alert?.trend[6]?.binStart).toBe(T0 + 96 * HOUR);
    expect(alert?.extent.divisions).toEqual(['330106011']);
    [120.075, 30.28, 120.0775, 30.281].forEach((edge, n) => {
      expect(alert?.extent.boundingBox?.[n]).toBeCloseTo(edge, 9);
    });
    expect(alert?.responsibleDivision).toBe('330106011');
    expect(alert?.sampleRequestIds).toHaveLength(10);
    expect(alert?.sampleRequestIds.every((id) => id.startsWith('gas-'))).toBe(true);
    expect(changes.filter((change) => change.change === 'opened')).toHaveLength(1);
    expect(changes.filter((change) => change.change === 'closed')).toHaveLength(1);
  });
});
