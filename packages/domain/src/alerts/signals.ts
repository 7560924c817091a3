import type { AlertKind, AlertSeverity, Label } from '@cityioc/contracts';
import type { Hysteresis } from './hysteresis.ts';

// What the alert engine reads and emits, and its serialisable state (see AlertEngine in engine.ts).

/** A reading the engine watches: one station's value at an observation time. */
export interface Reading {
  indicator: string;
  area: string;
  station: string | null;
  observedAt: number;
  value: number | null;
  /** When the IOC received it (stored with every observation); defaults to `observedAt`. Silence rules use it. */
  receivedAt?: number;
}

export interface RaiseSignal {
  type: 'raise';
  alertId: string;
  ruleId: string;
  kind: AlertKind;
  severity: AlertSeverity;
  area: string;
  station: string | null;
  indicator: string;
  title: Label;
  value: number | null;
  level: number | null;
  band: string | null;
  startedAt: number;
  /** Observation time at which the condition was confirmed. */
  at: number;
}
export interface ChangeSignal {
  type: 'escalated' | 'deescalated';
  alertId: string;
  severity: AlertSeverity;
  band: string;
  level: number | null;
  value: number;
  title: Label;
  at: number;
}
export interface ClearSignal {
  type: 'cleared';
  alertId: string;
  value: number | null;
  at: number;
}
export type AlertSignal = RaiseSignal | ChangeSignal | ClearSignal;

export interface BandState {
  /** Committed band index. */
  b: number;
  pending: { target: number; since: number } | null;
  startedAt: number | null;
}

/** The serialisable state of an AlertEngine (see AlertEngine.exportState); plain JSON. */
export interface AlertEngineData {
  /**
   * rule id|station, last observation time (null: none yet), hysteresis, band state, rate window, open silence episode,
   * receipt time of the last reading (null: none yet)
   */
  subjects: [string, number | null, Hysteresis, BandState, { t: number; v: number }[], number | null, (number | null)?][];
}
