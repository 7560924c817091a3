import { describe, expect, it } from 'vitest';
import { kioskUrl, newDeviceBody } from './devices.model.ts';

describe('wall screens', () => {
  it('needs a name and a scope', () => {
    expect(newDeviceBody('  Màn hình phòng họp UBND  ', { units: ['92'], agencies: [] })).toEqual({
      body: { name: 'Màn hình phòng họp UBND', scopes: { units: ['92'], agencies: [] } },
      errors: {},
    });
    expect(newDeviceBody('', { units: [], agencies: [] }).errors).toEqual({
      name: { key: 'access.validation.deviceName' },
      scopes: { key: 'access.validation.scope' },
    });
  });

  it("shows the kiosk link on this dashboard's origin", () => {
    expect(kioskUrl('http://127.0.0.1:8080/', '/kiosk/abc_DEF-123')).toBe('http://127.0.0.1:8080/kiosk/abc_DEF-123');
    expect(kioskUrl('https://ioc.cantho.gov.vn', 'https://ioc.cantho.gov.vn/kiosk/x')).toBe('https://ioc.cantho.gov.vn/kiosk/x');
  });
});
