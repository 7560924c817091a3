import type { SubscribeAck } from '@cityioc/contracts';

type Handler = (...args: unknown[]) => void;

/** Just enough of a Socket.IO client: the test plays the server. */
export class FakeSocket {
  connected = false;
  readonly subscribed: string[][] = [];
  readonly unsubscribed: string[][] = [];
  /** What the page said it shows (wallScreenV1), in order. */
  readonly wallScreens: (string | null)[] = [];
  autoAck = true;
  /** Scopes the fake server refuses (outside the session's scope). */
  forbidden = new Set<string>();
  private readonly handlers = new Map<string, Set<Handler>>();

  on(event: string, fn: Handler) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(fn);
    return this;
  }
  off(event: string, fn: Handler) {
    this.handlers.get(event)?.delete(fn);
    return this;
  }
  emit(event: string, arg: unknown, ack?: (a: SubscribeAck) => void) {
    if (event === 'wallScreenV1') {
      this.wallScreens.push(arg as string | null);
      return this;
    }
    const scopes = arg as string[];
    if (event === 'unsubscribeV1') {
      this.unsubscribed.push(scopes);
      return this;
    }
    if (event !== 'subscribeV1') throw new Error(`unexpected emit ${event}`);
    this.subscribed.push(scopes);
    const forbidden = scopes.filter((s) => this.forbidden.has(s));
    if (this.autoAck && forbidden.length > 0) ack!({ ok: false, error: 'outside your scope', unknown: [], forbidden });
    else if (this.autoAck) ack!({ ok: true, scopes: scopes.map((scope) => ({ scope, version: 0 })) });
    return this;
  }
  connect() {
    this.connected = true;
    this.fire('connect');
    return this;
  }
  disconnect() {
    this.drop('io client disconnect');
    return this;
  }
  drop(reason = 'transport close') {
    this.connected = false;
    this.fire('disconnect', reason);
  }
  fire(event: string, ...args: unknown[]) {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
}
