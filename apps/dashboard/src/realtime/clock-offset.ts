/**
 * The server clock as this browser sees it. Each heartbeat or delta gives one sample, server time −
 * local time at receipt, which is the true offset minus the message's delay (network, and a busy
 * main thread: a starved page handles a heartbeat seconds late). Delays only lower a sample, so the
 * highest sample of the last minute is the best estimate; the screens of one wall then agree on
 * the rotation clock even when one of them is slow to handle its messages. Samples older than the
 * window go, so a stepped clock (NTP on the kiosk or the server) is followed within a minute. Pure.
 */
export interface OffsetSample {
  /** local epoch ms of the receipt */
  at: number;
  offset: number;
}

export const OFFSET_WINDOW_MS = 60_000;

/** The samples to keep after a new one (the window's, the new one always), and the estimate they give. */
export function addOffsetSample(
  samples: readonly OffsetSample[],
  sample: OffsetSample,
  windowMs = OFFSET_WINDOW_MS,
): { samples: OffsetSample[]; offset: number } {
  const kept = [...samples.filter((s) => s.at > sample.at - windowMs && s.at <= sample.at), sample];
  return { samples: kept, offset: Math.max(...kept.map((s) => s.offset)) };
}
