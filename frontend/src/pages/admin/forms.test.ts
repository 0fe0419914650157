import { describe, expect, it } from 'vitest';
import { parseExpiryDays, validateClient, validateUser } from './forms';

const client = {
  clientId: 'meti-grants',
  name: '経済産業省 補助金システム',
  tier: 'ministry_system' as const,
  organisation: 'meti',
  scopes: ['registry:read'],
  expiresInDays: '',
};

describe('parseExpiryDays', () => {
  it('reads days from 1 to 3650, full-width digits too, and an empty field as no expiry', () => {
    expect(parseExpiryDays('')).toBeNull();
    expect(parseExpiryDays('  ')).toBeNull();
    expect(parseExpiryDays('30')).toBe(30);
    expect(parseExpiryDays('３６５０')).toBe(3650);
    expect(parseExpiryDays('0')).toBeUndefined();
    expect(parseExpiryDays('3651')).toBeUndefined();
    expect(parseExpiryDays('1.5')).toBeUndefined();
    expect(parseExpiryDays('三十')).toBeUndefined();
  });
});

describe('validateClient', () => {
  it('accepts a complete client', () => {
    expect(validateClient(client)).toEqual([]);
  });

  it('names each field the gateway would refuse', () => {
    const found = validateClient({ ...client, clientId: 'ME', organisation: 'm', scopes: [], expiresInDays: '0' });
    expect(found.map((f) => f.fieldId)).toEqual(['client-id', 'client-organisation', 'client-scopes', 'client-expires']);
  });
});

describe('validateUser', () => {
  it('asks for every field and checks the address and the password length', () => {
    expect(validateUser({ name: ' ', email: '', role: '', password: '' }).map((f) => f.fieldId)).toEqual([
      'user-name',
      'user-email',
      'user-role',
      'user-password',
    ]);
    const found = validateUser({ name: '熊本 三郎', email: 'saburo@kumamoto', role: 'viewer', password: '123456789' });
    expect(found.map((f) => f.message)).toEqual([
      'メールアドレスを「name@example.jp」の形で入力してください。',
      '初期パスワードは10文字以上で入力してください。',
    ]);
    expect(validateUser({ name: '熊本 三郎', email: 'saburo@kumamoto.example.jp', role: 'viewer', password: '1234567890' })).toEqual([]);
  });
});
