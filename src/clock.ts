/** Time is an input (style.md 8): services ask this clock, tests and jobs can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
