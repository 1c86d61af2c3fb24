import { describe, expect, it } from 'vitest';
import { RateWindow } from './throughput';

describe('RateWindow', () => {
  it('measures the last ten seconds, not the average since the start', () => {
    const w = new RateWindow(10_000);
    // 100 records/s for 60 s, then 10 records/s for 20 s.
    for (let t = 0; t <= 60; t += 2) w.add(t * 1000, t * 100);
    expect(w.rate()).toBe(100);
    for (let t = 62; t <= 80; t += 2) w.add(t * 1000, 6000 + (t - 60) * 10);
    expect(w.rate()).toBe(10); // the average since the start would be 77.5
  });

  it('has no rate from one sample, and starts again when the counter falls (a new run)', () => {
    const w = new RateWindow();
    w.add(0, 500);
    expect(w.rate()).toBeNull();
    w.add(1000, 10);
    expect(w.rate()).toBeNull();
    w.add(3000, 50);
    expect(w.rate()).toBe(20);
  });
});
