/**
 * Repeated authentication failures from one address are slowed, then refused for a while, so guessing a MAC
 * address or hammering with a wrong certificate gets nowhere fast. Counted per TCP peer address in a sliding window;
 * a success does not reset it (an attacker with one valid route must not launder failures on others).
 */
export interface ThrottleOptions {
  /** Failures within `windowMs` before answers are slowed. */
  slowAfter: number;
  /** Failures within `windowMs` before the address is refused (429) for `blockMs`. */
  blockAfter: number;
  windowMs: number;
  blockMs: number;
  /** Added delay per failure beyond `slowAfter`, capped at `maxDelayMs`. */
  delayStepMs: number;
  maxDelayMs: number;
  /** Addresses remembered at most (the oldest are forgotten first), so a flood of sources cannot grow memory. */
  maxTracked: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  slowAfter: 5,
  blockAfter: 20,
  windowMs: 60_000,
  blockMs: 5 * 60_000,
  delayStepMs: 250,
  maxDelayMs: 2_000,
  maxTracked: 10_000,
};

interface Record {
  failures: number[];
  blockedUntil: number;
}

export class AuthThrottle {
  private readonly byAddress = new Map<string, Record>();

  constructor(
    private readonly options: ThrottleOptions = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the address is still refused for (0 = not blocked). */
  blockedFor(address: string): number {
    const record = this.byAddress.get(address);
    return record ? Math.max(0, record.blockedUntil - this.now()) : 0;
  }

  /** Record a failure; returns how long to hold the answer back (0 while under the slow-down threshold). */
  failed(address: string): number {
    const now = this.now();
    let record = this.byAddress.get(address);
    if (record)
      this.byAddress.delete(address); // re-insert: the Map's order is then least recently failed first
    else record = { failures: [], blockedUntil: 0 };
    record.failures = record.failures.filter((t) => now - t < this.options.windowMs);
    record.failures.push(now);
    this.byAddress.set(address, record);
    if (this.byAddress.size > this.options.maxTracked) this.byAddress.delete(this.byAddress.keys().next().value!);
    const count = record.failures.length;
    if (count >= this.options.blockAfter) record.blockedUntil = now + this.options.blockMs;
    return count > this.options.slowAfter ? Math.min((count - this.options.slowAfter) * this.options.delayStepMs, this.options.maxDelayMs) : 0;
  }
}
