import { describe, expect, it } from 'vitest';
import { FeedHealthRegistry } from './feed-health.registry.ts';
import { httpOutcome, recordHttpFeed } from './http-outcome.ts';

describe('httpOutcome', () => {
  it('takes counts and the first reasons of rejected items from an ingest response, and counts every refusal by reason', () => {
    const range = (index: number) => ({ index, id: `r${index}`, status: 'rejected', errors: [{ field: '/value', reason: 'range', message: 'too high' }] });
    const o = httpOutcome(422, {
      accepted: 5,
      duplicates: 1,
      rejected: 6,
      results: [
        { index: 3, id: 'a', status: 'rejected', errors: [{ field: '/value', reason: 'type', message: 'must be a number' }] },
        { index: 4, id: 'b', status: 'accepted', seq: 9 },
        { index: 7, id: null, status: 'rejected', errors: [{ field: '', reason: 'invalid_json', message: 'line 8 is not valid JSON' }] },
        ...[8, 9, 10, 11].map(range),
      ],
    });
    expect(o).toEqual({
      items: 12,
      counts: { accepted: 5, duplicates: 1, rejected: 6 },
      reasons: [
        { reason: 'type', message: 'item 3: /value must be a number' },
        { reason: 'invalid_json', message: 'item 7: line 8 is not valid JSON' },
        { reason: 'range', message: 'item 8: /value too high' },
      ],
      refused: new Map([
        ['type', 1],
        ['invalid_json', 1],
        ['range', 4],
      ]),
    });
  });
  it('a refused request is one rejected item with its error code; import row errors keep their row', () => {
    expect(httpOutcome(413, { statusCode: 413, error: 'body_too_large', message: 'too big' })).toEqual({
      items: 1,
      counts: { rejected: 1 },
      reasons: [{ reason: 'body_too_large', message: 'too big' }],
      refused: new Map([['body_too_large', 1]]),
    });
    expect(httpOutcome(422, { result: 'rejected', rows: 4, reports: [], errors: [{ row: 3, reason: 'not_a_number', message: 'B3 is text' }] }).reasons).toEqual(
      [{ reason: 'not_a_number', message: 'row 3: B3 is text' }],
    );
  });
  it('stored and unchanged reports count as accepted and duplicates', () => {
    expect(httpOutcome(200, { result: 'imported', reports: [{ result: 'stored' }, { result: 'unchanged' }, { result: 'stored' }] }).counts).toEqual({
      accepted: 2,
      duplicates: 1,
    });
    expect(httpOutcome(200, { result: 'unchanged', status: 'submitted' }).counts).toEqual({ duplicates: 1 });
    expect(httpOutcome(201, { result: 'stored', status: 'submitted' }).counts).toEqual({ accepted: 1 });
  });
});

describe('recordHttpFeed', () => {
  it('parses the serialized payload into the source’s http book and ignores 5xx', () => {
    const t = Date.parse('2026-11-22T00:00:00Z');
    const reg = new FeedHealthRegistry(() => t);
    recordHttpFeed(reg, t, 'ward-9', 200, JSON.stringify({ accepted: 2, duplicates: 0, rejected: 0, results: [] }));
    recordHttpFeed(reg, t, 'ward-9', 500, JSON.stringify({ statusCode: 500, error: 'internal', message: 'x' }));
    recordHttpFeed(reg, t, 'ward-9', 400, 'not json');
    expect(reg.snapshot()).toEqual([
      expect.objectContaining({
        id: 'http:ward-9',
        kind: 'http',
        accepted: 2,
        rejected: 1,
        ratePerMin: 3,
        lastErrors: [{ at: t, reason: 'http_400', message: 'HTTP 400' }],
      }),
    ]);
  });
});
