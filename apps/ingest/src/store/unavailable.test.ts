import { describe, expect, it } from 'vitest';
import { isStoreUnavailable } from './unavailable.ts';

const err = (props: Record<string, unknown>, message = 'x') => Object.assign(new Error(message), props);

describe('isStoreUnavailable', () => {
  it.each([
    ['a refused connection', err({ code: 'ECONNREFUSED' })],
    ['a server shutting down (57P01)', err({ code: '57P01' }, 'terminating connection due to administrator command')],
    ['a server starting up (57P03)', err({ code: '57P03' }, 'the database system is starting up')],
    ['a connection failure (08006)', err({ code: '08006' })],
    ['too many connections (53300)', err({ code: '53300' })],
    ['a cut connection, by message', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['every address refused', Object.assign(new AggregateError([err({ code: 'ECONNREFUSED' }), err({ code: 'ECONNREFUSED' })]), { code: undefined })],
    ['a locked SQLite file', err({ code: 'SQLITE_BUSY' })],
  ])('%s: the database is away', (_what, e) => {
    expect(isStoreUnavailable(e)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', err({ code: '23505' })],
    ['a syntax error in our SQL (42601)', err({ code: '42601' })],
    ['a constraint failure in SQLite', err({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['one address refused, one bug', new AggregateError([err({ code: 'ECONNREFUSED' }), new Error('bug')])],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', null],
  ])('%s: not an outage', (_what, e) => {
    expect(isStoreUnavailable(e)).toBe(false);
  });
});
