/**
 * A token bucket that refills continuously at `perMinute` tokens per minute and holds at most
 * `perMinute` tokens, so a full minute's budget may be spent in one burst.
 *
 * `reserve` always succeeds and may drive the balance below zero: the caller then waits for the
 * returned time before using what it reserved. Because each reservation queues behind the debt
 * of earlier ones, callers are served in order, and a request larger than the whole bucket
 * (a prompt above the tokens-per-minute limit) waits instead of blocking forever.
 */
export class TokenBucket {
  readonly #capacity: number;
  readonly #refillPerMs: number;
  readonly #now: () => number;
  #balance: number;
  #updatedAt: number;

  /**
   * @param perMinute budget per minute; a positive number.
   * @param now clock in milliseconds, injectable for tests.
   */
  constructor(perMinute: number, now: () => number = Date.now) {
    if (!(perMinute > 0) || !Number.isFinite(perMinute)) {
      throw new RangeError(`a token bucket needs a positive, finite budget per minute, got ${perMinute}`);
    }
    this.#capacity = perMinute;
    this.#refillPerMs = perMinute / 60_000;
    this.#now = now;
    this.#balance = perMinute;
    this.#updatedAt = now();
  }

  /** Tokens available now; negative while reservations are waiting. */
  get balance(): number {
    this.#refill();
    return this.#balance;
  }

  /** Takes `amount` tokens and returns how many milliseconds to wait before using them. */
  reserve(amount: number): number {
    this.#refill();
    this.#balance -= amount;
    return this.#balance >= 0 ? 0 : Math.ceil(-this.#balance / this.#refillPerMs);
  }

  /** Gives `amount` tokens back (a refund or a correction); a negative amount takes more. */
  giveBack(amount: number): void {
    this.#refill();
    this.#balance = Math.min(this.#capacity, this.#balance + amount);
  }

  #refill(): void {
    const now = this.#now();
    this.#balance = Math.min(this.#capacity, this.#balance + (now - this.#updatedAt) * this.#refillPerMs);
    this.#updatedAt = now;
  }
}
