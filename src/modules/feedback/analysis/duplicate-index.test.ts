import { describe, expect, it } from 'vitest';
import { createDuplicateIndex } from './duplicate-index.ts';
import { createTokenizer } from './tokenizer.ts';

const tokenizer = createTokenizer();
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 2, 1);
const CUIYUAN = '330106005';
const GUDANG = '330106007';

const POTHOLE = [
  '文三路128号门口路面有个大坑，晚上电动车很容易摔倒，请尽快修补。',
  '文三路128号附近路面有个大坑，电动车晚上摔倒好几次了，希望尽快修补。',
  '市民反映：文三路128号门口路面有个很深的大坑，晚上骑电动车容易摔倒，请相关部门尽快修补。',
];

function request(
  id: string,
  text: string,
  at: number,
  divisionCode: string,
  point: [number, number] | null = null,
) {
  return {
    id,
    at,
    divisionCode,
    point: point ? { longitude: point[0], latitude: point[1] } : null,
    tokens: tokenizer.tokenize(text),
  };
}

describe('duplicate index', () => {
  it('groups paraphrased complaints about the same pothole', () => {
    const index = createDuplicateIndex();
    const first = index.add(request('r1', POTHOLE[0] as string, T0, CUIYUAN, [120.1251, 30.2852]));
    const second = index.add(
      request('r2', POTHOLE[1] as string, T0 + 3 * HOUR, CUIYUAN, [120.1256, 30.2849]),
    );
    const third = index.add(request('r3', POTHOLE[2] as string, T0 + DAY, CUIYUAN));
    expect(first).toEqual({ groupId: 'r1', duplicateOf: null, similarity: 0, mergedGroupIds: [] });
    expect(second.groupId).toBe('r1');
    expect(second.duplicateOf).toBe('r1');
    expect(second.similarity).toBeGreaterThanOrEqual(0.4);
    expect(third.groupId).toBe('r1');
    const unrelated = index.add(
      request('r4', '翠苑一区楼上装修电钻声不断，周末早上七点就开始，严重影响休息。', T0 + DAY, CUIYUAN),
    );
    expect(unrelated.groupId).toBe('r4');
  });

  it('does not group the same text in another township or a month apart', () => {
    const index = createDuplicateIndex();
    const text = POTHOLE[0] as string;
    expect(index.add(request('a', text, T0, CUIYUAN)).groupId).toBe('a');
    expect(index.add(request('b', text, T0 + HOUR, GUDANG)).groupId).toBe('b');
    expect(index.add(request('c', text, T0 + 30 * DAY, CUIYUAN)).groupId).toBe('c');
    expect(index.add(request('d', text, T0 + 30 * DAY + HOUR, CUIYUAN)).groupId).toBe('c');
  });

  it('decides by distance when both requests have points, across division borders too', () => {
    const index = createDuplicateIndex({ maxDistanceMeters: 300 });
    const text = POTHOLE[0] as string;
    index.add(request('p1', text, T0, CUIYUAN, [120.1251, 30.2852]));
    // 2 km away in the same township: another pothole.
    expect(index.add(request('p2', text, T0 + HOUR, CUIYUAN, [120.1251, 30.3032])).groupId).toBe('p2');
    // 150 m away, filed under the neighbouring township: the same pothole on the boundary road.
    expect(index.add(request('p3', text, T0 + 2 * HOUR, GUDANG, [120.1266, 30.2852])).groupId).toBe('p1');
  });

  it('merges two groups when a request matches both, under the older group id', () => {
    // Word-set Jaccard (computed exactly): a–b 0.29, a–bridge 0.50, b–bridge 0.75.
    const index = createDuplicateIndex({ threshold: 0.4 });
    const a = '文三路128号门口路面有个大坑，电动车很容易摔倒';
    const b = '路面有个大坑晚上看不见，骑车的人摔倒了好几次';
    const bridge = '文三路128号门口路面有个大坑，晚上看不见，骑车的人摔倒了好几次';
    expect(index.add(request('g1', a, T0, CUIYUAN)).groupId).toBe('g1');
    expect(index.add(request('g2', b, T0 + HOUR, CUIYUAN)).groupId).toBe('g2');
    const merging = index.add(request('g3', bridge, T0 + 2 * HOUR, CUIYUAN));
    expect(merging.groupId).toBe('g1');
    expect(merging.mergedGroupIds).toEqual(['g2']);
    const after = index.add(request('g4', b, T0 + 3 * HOUR, CUIYUAN));
    expect(after).toMatchObject({ groupId: 'g1', mergedGroupIds: [] });
  });

  it('keeps a group id given before when a rebuilt index meets the group without its first request', () => {
    const index = createDuplicateIndex();
    const text = POTHOLE[0] as string;
    const rebuilt = index.add({ ...request('second', text, T0, CUIYUAN), knownGroupId: 'first' });
    expect(rebuilt.groupId).toBe('first');
    expect(index.add(request('third', text, T0 + HOUR, CUIYUAN)).groupId).toBe('first');
  });

  it('holds only the requests within the window of the latest one', () => {
    const windowMs = 2 * DAY;
    const index = createDuplicateIndex({ windowMs });
    for (let hour = 0; hour < 24 * 20; hour++) {
      index.add(request(`h${hour}`, `${POTHOLE[hour % 3]}第${hour}次反映`, T0 + hour * HOUR, CUIYUAN));
      expect(index.size).toBeLessThanOrEqual(49);
    }
    expect(index.size).toBe(49);
  });

  it('keeps finding earlier requests after its storage has grown several times', () => {
    const index = createDuplicateIndex();
    const text = POTHOLE[0] as string;
    const tokens = tokenizer.tokenize(text);
    index.add({ id: 'first', at: T0, divisionCode: CUIYUAN, tokens });
    // 5,000 requests in as many other places, all live within the window.
    for (let n = 0; n < 5000; n++) {
      index.add({ id: `o${n}`, at: T0 + n * 60_000, divisionCode: `x${n}`, tokens });
    }
    expect(index.size).toBe(5001);
    const again = index.add({ id: 'again', at: T0 + 4 * DAY, divisionCode: CUIYUAN, tokens });
    expect(again).toEqual({ groupId: 'first', duplicateOf: 'first', similarity: 1, mergedGroupIds: [] });
    expect(index.add({ id: 'o-again', at: T0 + 4 * DAY, divisionCode: 'x4999', tokens }).groupId).toBe(
      'o4999',
    );
  });

  it('gives the same groups on every run with the same seed', () => {
    const texts = [...POTHOLE, '翠苑一区楼上装修电钻声不断', '翠苑一区楼上装修电钻声不断，严重影响休息'];
    const run = () => {
      const index = createDuplicateIndex({ seed: 99 });
      return texts.map((text, n) => index.add(request(`s${n}`, text, T0 + n * HOUR, CUIYUAN)));
    };
    expect(run()).toEqual(run());
  });

  it('refuses settings that cannot work', () => {
    expect(() => createDuplicateIndex({ bands: 0 })).toThrow(RangeError);
    expect(() => createDuplicateIndex({ rows: 1.5 })).toThrow(RangeError);
    expect(() => createDuplicateIndex({ maxDistanceMeters: 0 })).toThrow(RangeError);
    expect(() => createDuplicateIndex({ shingleSize: 0 })).toThrow(RangeError);
    expect(() => createDuplicateIndex({ threshold: 0 })).toThrow(RangeError);
  });
});
