import { describe, expect, it } from 'vitest';
import { CAN_THO_CATALOGUE, indexCatalogue } from '@cityioc/domain';
import { matchTopic, parseTopicPattern, readingsFromMessage, TopicPatternError } from './mqtt-message.ts';

const index = indexCatalogue(CAN_THO_CATALOGUE);
const NOW = Date.parse('2026-11-22T07:00:00+07:00');
const byTopic = [parseTopicPattern('cantho/+station/+indicator')];

describe('topic patterns', () => {
  it('named levels subscribe as + and are read back from the topic', () => {
    const p = parseTopicPattern('city/+/+station/+indicator');
    expect(p.filter).toBe('city/+/+/+');
    expect(matchTopic(p, 'city/x/wl-o-mon/water_level')).toEqual({ station: 'wl-o-mon', indicator: 'water_level' });
    expect(matchTopic(p, 'city/x/wl-o-mon')).toBeNull();
    expect(matchTopic(p, 'city/x/wl-o-mon/water_level/extra')).toBeNull();
    expect(matchTopic(parseTopicPattern('sensors/#'), 'sensors/a/b/c')).toEqual({});
  });
  it('refuses patterns MQTT would not accept', () => {
    expect(() => parseTopicPattern('a/#/b')).toThrow(TopicPatternError);
    expect(() => parseTopicPattern('a/st+/b')).toThrow(TopicPatternError);
    expect(() => parseTopicPattern('a/+Station')).toThrow(TopicPatternError);
  });
});

describe('readingsFromMessage', () => {
  it('a bare number takes station and indicator from the topic and the server time; the id is deterministic', () => {
    const r = readingsFromMessage('cantho/wl-can-tho/water_level', '183', byTopic, index, NOW);
    expect(r.problems).toEqual([]);
    expect(r.inputs).toEqual([
      {
        id: `mqtt:wl-can-tho:water_level:${NOW}`,
        indicator: 'water_level',
        area: '31135',
        station: 'wl-can-tho',
        observedAt: '2026-11-22T07:00:00.000+07:00',
        value: 183,
      },
    ]);
  });
  it('an array payload on a plain topic carries station and indicator per reading; a bad one does not spoil the others', () => {
    const r = readingsFromMessage(
      'cantho/readings',
      JSON.stringify([
        { station: 'aq-cai-rang', indicator: 'pm10', value: 61, observedAt: '2026-11-22T06:00:00', id: 'dev-7:1' },
        { station: 'aq-cai-rang', indicator: 'pm10', value: false },
      ]),
      [parseTopicPattern('cantho/readings')],
      index,
      NOW,
    );
    expect(r.inputs).toEqual([expect.objectContaining({ id: 'dev-7:1', observedAt: '2026-11-22T06:00:00.000+07:00', value: 61 })]);
    expect(r.flags).toEqual(['no_time_zone']);
    expect(r.problems).toEqual([{ reason: 'boolean_not_number', message: 'cantho/readings: [1] value is the Boolean false; a number is expected' }]);
  });
  it('names the reason for each kind of malformed message', () => {
    const reason = (topic: string, payload: string) => readingsFromMessage(topic, payload, byTopic, index, NOW).problems.map((p) => p.reason);
    expect(reason('other/topic', '1')).toEqual(['unmatched_topic']);
    expect(reason('cantho/wl-can-tho/water_level', '{')).toEqual(['invalid_json']);
    expect(reason('cantho/wl-x/water_level', '1')).toEqual(['unknown_station']);
    expect(reason('cantho/wl-can-tho/water_level', '"1"')).toEqual(['invalid_value']);
    expect(reason('cantho/wl-can-tho/water_level', '{"value": 1, "observedAt": "soon"}')).toEqual(['invalid_time']);
    expect(reason('cantho/wl-can-tho/water_level', '{"value": 1, "id": 7}')).toEqual(['invalid_id']);
  });
});
