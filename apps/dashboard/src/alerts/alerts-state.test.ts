import { describe, expect, it } from 'vitest';
import { validateAlertsSearch } from './alerts-state.ts';

describe('alert inbox URL', () => {
  it('reads the filter and the open alert, the active ones by default', () => {
    expect(validateAlertsSearch({ show: 'resolved', alert: 'a-1' })).toEqual({ show: 'resolved', alert: 'a-1' });
    expect(validateAlertsSearch({})).toEqual({ show: 'active', alert: undefined });
    expect(validateAlertsSearch({ show: '__proto__', alert: '' })).toEqual({ show: 'active', alert: undefined });
  });
});
