import { describe, expect, it } from 'vitest';
import type { AdminUser } from '@cityioc/contracts';
import { EMPTY_USER, formOf, newUserBody, userPatch } from './users.model.ts';

const DUNG: AdminUser = {
  id: 'u1',
  username: 'dung.nk',
  name: 'Nguyễn Thị Dung',
  role: 'operator',
  scopes: { units: ['916'], agencies: [] },
  disabled: false,
  origin: 'local',
  createdAt: 1,
  updatedAt: 1,
  lastLoginAt: null,
};

describe('the new user form', () => {
  it('builds the body the server expects, username lower-cased and trimmed', () => {
    const { body, errors } = newUserBody({
      ...EMPTY_USER,
      username: ' Dung.NK ',
      name: ' Nguyễn Thị Dung ',
      scopes: { units: ['916'], agencies: [] },
      password: 'mười hai ký tự',
    });
    expect(errors).toEqual({});
    expect(body).toEqual({
      username: 'dung.nk',
      name: 'Nguyễn Thị Dung',
      role: 'operator',
      scopes: { units: ['916'], agencies: [] },
      password: 'mười hai ký tự',
    });
  });

  it('names every field to correct, with the rule', () => {
    const { body, errors } = newUserBody({ ...EMPTY_USER, username: 'a!', name: '  ', password: 'ngắn' });
    expect(body).toBeNull();
    expect(errors).toEqual({
      username: { key: 'access.validation.username' },
      name: { key: 'access.validation.name' },
      password: { key: 'access.validation.password', params: { min: 12 } },
      scopes: { key: 'access.validation.scope' },
    });
  });

  it('counts a password in characters, not bytes: 12 Vietnamese letters are enough', () => {
    expect(newUserBody({ ...EMPTY_USER, username: 'lan', name: 'Lan', scopes: { units: ['92'], agencies: [] }, password: 'ăâđêôơưáàảãạ' }).errors).toEqual({});
    expect(
      newUserBody({ ...EMPTY_USER, username: 'lan', name: 'Lan', scopes: { units: ['92'], agencies: [] }, password: 'ăâđêôơưáàảã' }).errors,
    ).toHaveProperty('password');
  });

  it('gives an administrator the whole city whatever scope was picked, and needs no scope for one', () => {
    const { body } = newUserBody({
      ...EMPTY_USER,
      username: 'admin2',
      name: 'Quản trị',
      role: 'admin',
      scopes: { units: [], agencies: [] },
      password: '123456789012',
    });
    expect(body?.scopes).toEqual({ units: ['92'], agencies: [] });
  });
});

describe('editing a user', () => {
  it('sends only what changed, and nothing when nothing did', () => {
    expect(userPatch(DUNG, formOf(DUNG))).toEqual({ patch: null, errors: {} });
    expect(userPatch(DUNG, { ...formOf(DUNG), role: 'leader', scopes: { units: ['916', '917'], agencies: [] } }).patch).toEqual({
      role: 'leader',
      scopes: { units: ['916', '917'], agencies: [] },
    });
    expect(userPatch(DUNG, { ...formOf(DUNG), password: 'mật khẩu mới 2026' }).patch).toEqual({ password: 'mật khẩu mới 2026' });
  });

  it('refuses a short new password and an emptied scope', () => {
    const { patch, errors } = userPatch(DUNG, { ...formOf(DUNG), password: 'short', scopes: { units: [], agencies: [] } });
    expect(patch).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['password', 'scopes']);
  });
});
