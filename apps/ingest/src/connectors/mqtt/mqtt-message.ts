import type { ObservationInput } from '@cityioc/contracts';
import { localDateOf, parseObservedTime, VN_UTC_OFFSET_MS, type CatalogueIndex } from '@cityioc/domain';

/**
 * MQTT topics and payloads → observation inputs. A topic pattern names its levels:
 * `cantho/+station/+indicator` subscribes to `cantho/+/+` and reads the station and indicator from
 * the topic; `cantho/readings` (or `#`) leaves them to the payload. Payloads are JSON: a bare
 * number, an object `{value, observedAt?, id?, station?, indicator?, area?}`, or an array of such objects
 * (`area`: a GSO code, checked against the reading's date; else the station's unit on that date).
 */

type Level = { kind: 'literal'; text: string } | { kind: 'param'; name: string } | { kind: 'multi' };

export interface TopicPattern {
  pattern: string;
  /** what is sent in SUBSCRIBE */
  filter: string;
  levels: Level[];
}

export class TopicPatternError extends Error {}

export function parseTopicPattern(pattern: string): TopicPattern {
  const raw = pattern.split('/');
  const levels: Level[] = raw.map((l, i) => {
    if (l === '#') {
      if (i !== raw.length - 1) throw new TopicPatternError(`'${pattern}': # must be the last level`);
      return { kind: 'multi' };
    }
    if (l.startsWith('+')) {
      const name = l.slice(1);
      if (name !== '' && !/^[a-z]+$/.test(name)) throw new TopicPatternError(`'${pattern}': a named level is +station, +indicator or a bare +`);
      return { kind: 'param', name };
    }
    if (l.includes('+') || l.includes('#')) throw new TopicPatternError(`'${pattern}': wildcards must fill a whole level`);
    return { kind: 'literal', text: l };
  });
  return { pattern, filter: levels.map((l) => (l.kind === 'literal' ? l.text : l.kind === 'param' ? '+' : '#')).join('/'), levels };
}

/** The named levels of `topic` under `p`, or null when it does not match. */
export function matchTopic(p: TopicPattern, topic: string): Record<string, string> | null {
  const parts = topic.split('/');
  const out: Record<string, string> = {};
  for (let i = 0; i < p.levels.length; i++) {
    const l = p.levels[i]!;
    if (l.kind === 'multi') return out;
    const part = parts[i];
    if (part === undefined) return null;
    if (l.kind === 'literal' && l.text !== part) return null;
    if (l.kind === 'param' && l.name) out[l.name] = part;
  }
  return parts.length === p.levels.length ? out : null;
}

export interface MessageProblem {
  reason: string;
  message: string;
}

export interface MessageReadings {
  inputs: ObservationInput[];
  problems: MessageProblem[];
  /** times read without a zone (Asia/Ho_Chi_Minh applied) */
  flags: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isoVn(ms: number): string {
  return new Date(ms + VN_UTC_OFFSET_MS).toISOString().replace('Z', '+07:00');
}

/** Max readings in one message: larger arrays are refused whole. */
export const MAX_READINGS_PER_MESSAGE = 5000;

export function readingsFromMessage(
  topic: string,
  payload: Buffer | string,
  patterns: readonly TopicPattern[],
  index: CatalogueIndex,
  now: number,
): MessageReadings {
  const out: MessageReadings = { inputs: [], problems: [], flags: [] };
  const problem = (reason: string, message: string) => out.problems.push({ reason, message: `${topic}: ${message}` });
  let fromTopic: Record<string, string> | null = null;
  for (const p of patterns) {
    fromTopic = matchTopic(p, topic);
    if (fromTopic) break;
  }
  if (!fromTopic) {
    problem('unmatched_topic', 'the topic matches none of IOC_MQTT_TOPICS');
    return out;
  }
  let body: unknown;
  try {
    body = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch (e) {
    problem('invalid_json', `the payload is not JSON (${(e as Error).message.slice(0, 80)})`);
    return out;
  }
  const items = Array.isArray(body) ? body : [body];
  if (items.length > MAX_READINGS_PER_MESSAGE) {
    problem('too_many_readings', `${items.length} readings in one message; at most ${MAX_READINGS_PER_MESSAGE}`);
    return out;
  }
  items.forEach((item, i) => {
    const at = items.length > 1 ? `[${i}] ` : '';
    const r: Record<string, unknown> = isObject(item) ? item : { value: item };
    const station = r.station ?? fromTopic.station;
    const indicator = r.indicator ?? fromTopic.indicator;
    if (typeof station !== 'string' || station === '') return problem('missing_station', `${at}no station in the topic or the payload`);
    if (typeof indicator !== 'string' || indicator === '') return problem('missing_indicator', `${at}no indicator in the topic or the payload`);
    const st = index.station(station);
    if (!st) return problem('unknown_station', `${at}station '${station.slice(0, 64)}' is not in the catalogue`);
    if (typeof r.value === 'boolean') return problem('boolean_not_number', `${at}value is the Boolean ${r.value}; a number is expected`);
    if (typeof r.value !== 'number' || !Number.isFinite(r.value))
      return problem('invalid_value', `${at}value must be a number, got ${r.value === undefined ? 'nothing' : JSON.stringify(r.value).slice(0, 40)}`);
    let ms = now;
    if (r.observedAt !== undefined) {
      const t = parseObservedTime(r.observedAt);
      if (!t.ok) return problem('invalid_time', `${at}observedAt: ${t.reason}`);
      ms = t.ms;
      for (const f of t.flags) if (!out.flags.includes(f)) out.flags.push(f);
    }
    if (r.id !== undefined && typeof r.id !== 'string') return problem('invalid_id', `${at}id must be a string`);
    out.inputs.push({
      // a redelivered QoS 1 message carries the same station, indicator and time: the same id, stored once
      id: typeof r.id === 'string' ? r.id : `mqtt:${st.id}:${indicator}:${ms}`,
      indicator,
      // the payload's own unit when it names one (checked against the reading's date), else the station's on that date
      area: typeof r.area === 'string' ? r.area : (index.stationAreaAt(st.id, localDateOf(ms)) ?? st.area),
      station: st.id,
      observedAt: isoVn(ms),
      value: r.value,
    });
  });
  return out;
}
