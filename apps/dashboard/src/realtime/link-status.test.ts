import { describe, expect, it } from 'vitest';
import { initialLinkState, linkStatus, type LinkState } from './link-status.ts';

const T0 = 1_000_000;
const online: LinkState = { ...initialLinkState(T0), connected: true, synced: true, everSynced: true, lastSignalAt: T0 + 1000 };

describe('linkStatus', () => {
  it('is connecting during the first seconds, then offline if nothing came', () => {
    const s = initialLinkState(T0);
    expect(linkStatus(s, T0 + 100)).toBe('connecting');
    expect(linkStatus(s, T0 + 5000)).toBe('connecting');
    expect(linkStatus(s, T0 + 5001)).toBe('offline');
  });

  it('is online while heartbeats keep coming, offline after 5 s of silence', () => {
    expect(linkStatus(online, T0 + 1000 + 4999)).toBe('online');
    expect(linkStatus(online, T0 + 1000 + 5001)).toBe('offline');
  });

  it('is offline as soon as the socket drops, and stays so until the resync finished', () => {
    const dropped = { ...online, connected: false, synced: false };
    expect(linkStatus(dropped, T0 + 1500)).toBe('offline');
    const reconnected = { ...dropped, connected: true };
    expect(linkStatus(reconnected, T0 + 1600)).toBe('offline');
    expect(linkStatus({ ...reconnected, synced: true, lastSignalAt: T0 + 1700 }, T0 + 1800)).toBe('online');
  });

  it("is degraded, never online, while the server's pushes across nodes are cut; offline still wins when heartbeats stop", () => {
    const degraded: LinkState = { ...online, fanout: 'degraded' };
    expect(linkStatus(degraded, T0 + 1000 + 4999)).toBe('degraded');
    expect(linkStatus(degraded, T0 + 1000 + 5001)).toBe('offline');
    expect(linkStatus({ ...degraded, connected: false, synced: false }, T0 + 1500)).toBe('offline');
    expect(linkStatus({ ...degraded, fanout: 'ok' }, T0 + 1500)).toBe('online');
  });

  it('is offline when the server refused the handshake', () => {
    expect(linkStatus({ ...online, refused: 'protocol_mismatch' }, T0 + 1001)).toBe('offline');
  });
});
