/** Time comes from here, never from `new Date()` in a service, so deadlines and expiry are testable. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests and simulations that moves only when told to. */
export function manualClock(
  start: Date,
): Clock & { advance(milliseconds: number): void; set(to: Date): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(milliseconds) {
      current += milliseconds;
    },
    set(to) {
      current = to.getTime();
    },
  };
}
