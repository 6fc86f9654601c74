import { describe, expect, it } from 'vitest';
import { createDuplicateIndex } from './duplicate-index.ts';
import { createHotTopicDetector, type HotTopicAlert } from './hot-topics.ts';
import { generateSyntheticRequests, type InjectedBurst } from './synthetic.ts';
import { createTokenizer } from './tokenizer.ts';

const OPTIONS = {
  seed: 20261201,
  startAt: Date.UTC(2026, 9, 31, 16),
  days: 30,
  backgroundPerDay: 650,
  burstCount: 8,
};
const PRECISION_FLOOR = 0.8;

/** An alert finds a burst when it is about the burst's category, covers its township and overlaps its time. */
function isMatch(alert: HotTopicAlert, burst: InjectedBurst): boolean {
  return (
    alert.category === burst.category &&
    alert.extent.divisions.includes(burst.divisionCode) &&
    alert.startAt < burst.endAt &&
    (alert.endAt ?? Number.POSITIVE_INFINITY) > burst.startAt
  );
}

describe('synthetic stream', () => {
  it('is reproducible from its seed and its bursts are where its truth says', () => {
    const small = { ...OPTIONS, days: 6, backgroundPerDay: 200, burstCount: 2, quietDays: 1 };
    const first = generateSyntheticRequests(small);
    expect(generateSyntheticRequests(small)).toEqual(first);
    expect(generateSyntheticRequests({ ...small, seed: 7 }).requests).not.toEqual(first.requests);
    expect(first.bursts).toHaveLength(2);
    for (const burst of first.bursts) {
      const members = first.requests.filter((request) => request.burstId === burst.id);
      expect(members.length).toBeGreaterThan(0);
      for (const member of members) {
        expect(member.category).toBe(burst.category);
        expect(member.divisionCode).toBe(burst.divisionCode);
        expect(member.at).toBeGreaterThanOrEqual(burst.startAt);
        expect(member.at).toBeLessThan(burst.endAt);
      }
    }
    expect(
      first.requests.every((request, n) => n === 0 || request.at >= (first.requests[n - 1]?.at ?? 0)),
    ).toBe(true);
    expect(new Set(first.requests.map((request) => request.divisionCode)).size).toBeGreaterThan(12);
  });
});

describe('hot-topic evaluation on a generated month', () => {
  it('finds every injected burst with precision above the floor', () => {
    const stream = generateSyntheticRequests(OPTIONS);
    expect(stream.requests.length).toBeGreaterThan(18_000);
    expect(stream.bursts).toHaveLength(8);
    const tokenizer = createTokenizer();
    const duplicates = createDuplicateIndex();
    const detector = createHotTopicDetector();
    for (const request of stream.requests) {
      const tokens = tokenizer.tokenize(request.text);
      const { groupId } = duplicates.add({ ...request, tokens });
      detector.add({ ...request, tokens, groupId });
    }
    detector.advanceTo((stream.requests.at(-1)?.at ?? 0) + 48 * 3600_000);
    const alerts = detector.alerts();
    const found = stream.bursts.filter((burst) => alerts.some((alert) => isMatch(alert, burst)));
    const trueAlerts = alerts.filter((alert) => stream.bursts.some((burst) => isMatch(alert, burst)));
    const recall = found.length / stream.bursts.length;
    const precision = trueAlerts.length / alerts.length;
    // Printed so that each run's figures show in the test output, not only pass or fail.
    process.stdout.write(
      `hot-topic evaluation: ${stream.requests.length} requests, ${stream.bursts.length} injected bursts, ` +
        `${alerts.length} alerts — recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)} (floor ${PRECISION_FLOOR})\n`,
    );
    expect(recall).toBe(1);
    expect(precision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    for (const alert of trueAlerts) {
      expect(alert.keywords.length).toBeGreaterThan(0);
      expect(alert.sampleRequestIds.length).toBeGreaterThan(0);
      expect(alert.trend.length).toBeGreaterThan(0);
    }
  });
});
