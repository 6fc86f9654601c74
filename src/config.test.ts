import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_SECRET_KEY, loadConfig } from './config.ts';
import { createVault, deriveDemoVaultKeys } from './platform/vault/index.ts';

const key = () => randomBytes(32).toString('base64');
const vaultEnv = () => ({
  SHUZHI_VAULT_KEYS: `k2026:1:${key()}`,
  SHUZHI_VAULT_ACTIVE_KEY: 'k2026',
  SHUZHI_VAULT_BLIND_INDEX_KEY: key(),
});

describe('configuration', () => {
  it('has working defaults for trying Shuzhi', () => {
    const config = loadConfig({}, '/srv/shuzhi');
    expect(config).toMatchObject({
      mode: 'development',
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: undefined,
      dataDir: '/srv/shuzhi/data',
      secretKey: DEMO_SECRET_KEY,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names the variable whose value is invalid', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(
      /PORT must be a whole number from 0 to 65535 \(got "eighty"\)/,
    );
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(
      /DATABASE_URL must start with postgres:\/\//,
    );
    expect(() => loadConfig({ SHUZHI_TRUST_PROXY: 'maybe' })).toThrow(
      /SHUZHI_TRUST_PROXY must be true or false/,
    );
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(
      /NODE_ENV must be one of development, test, production/,
    );
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });

  it('refuses to run in production without a real secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /SHUZHI_SECRET_KEY is required in production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', SHUZHI_SECRET_KEY: DEMO_SECRET_KEY })).toThrow(
      /must not be the shipped demo value/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', SHUZHI_SECRET_KEY: 'short' })).toThrow(
      /at least 32 characters/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /SHUZHI_LEDGER_ORIGIN is required in production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /SHUZHI_LEDGER_SIGNER_KEY is required in production/,
    );
    const config = loadConfig({
      NODE_ENV: 'production',
      SHUZHI_SECRET_KEY: 'k'.repeat(16) + 'Zq8#'.repeat(5),
      SHUZHI_LEDGER_ORIGIN: 'ledger.demo-county.gov.cn/audit',
      SHUZHI_LEDGER_SIGNER_KEY: 'PRIVATE+KEY+ledger.demo-county.gov.cn/audit+00000000+AQ==',
      SHUZHI_PUBLIC_URL: 'https://zwfw.demo-county.gov.cn',
      ...vaultEnv(),
    });
    expect(config.mode).toBe('production');
  });

  it('requires the public address in production (it names the sign-on issuer), as an https origin', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /SHUZHI_PUBLIC_URL is required in production/,
    );
    expect(() =>
      loadConfig({ NODE_ENV: 'production', SHUZHI_PUBLIC_URL: 'http://zwfw.demo-county.gov.cn' }),
    ).toThrow(/SHUZHI_PUBLIC_URL must use https in production/);
    for (const bad of [
      'zwfw.gov.cn',
      'https://zwfw.gov.cn/portal',
      'https://zwfw.gov.cn/?a=1',
      'ftp://zwfw.gov.cn',
    ]) {
      expect(() => loadConfig({ SHUZHI_PUBLIC_URL: bad })).toThrow(/SHUZHI_PUBLIC_URL must be/);
    }
    expect(loadConfig({ SHUZHI_PUBLIC_URL: 'https://zwfw.gov.cn/' }).publicUrl).toBe('https://zwfw.gov.cn');
    expect(loadConfig({ HOST: '127.0.0.1', PORT: '4000' }).publicUrl).toBe('http://127.0.0.1:4000');
  });

  it('reads the ledger settings', () => {
    const config = loadConfig({
      SHUZHI_LEDGER_WITNESS_KEYS: 'a+1+x, b+2+y\nc+3+z',
      SHUZHI_LEDGER_ORIGIN: 'x.gov.cn/log',
    });
    expect(config.ledgerWitnessKeys).toEqual(['a+1+x', 'b+2+y', 'c+3+z']);
    expect(config.ledgerOrigin).toBe('x.gov.cn/log');
    expect(() => loadConfig({ SHUZHI_LEDGER_ORIGIN: 'has space' })).toThrow(
      /SHUZHI_LEDGER_ORIGIN must contain no spaces/,
    );
  });

  it('requires the vault keys in production, naming each variable', () => {
    for (const name of ['SHUZHI_VAULT_KEYS', 'SHUZHI_VAULT_ACTIVE_KEY', 'SHUZHI_VAULT_BLIND_INDEX_KEY']) {
      expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
        new RegExp(`${name} is required in production`),
      );
    }
  });

  it('derives vault keys from the secret outside production, and reads configured ones', () => {
    const derived = loadConfig({ SHUZHI_SECRET_KEY: 'x'.repeat(40) }).vaultKeys;
    expect(derived.blindIndexKey.equals(deriveDemoVaultKeys('x'.repeat(40)).blindIndexKey)).toBe(true);
    const env = vaultEnv();
    const configured = loadConfig(env).vaultKeys;
    expect(configured.activeKeyId).toBe('k2026');
    expect(configured.blindIndexKey.toString('base64')).toBe(env.SHUZHI_VAULT_BLIND_INDEX_KEY);
    const vault = createVault(configured);
    const here = { table: 'person', column: 'phone', rowId: 'r' };
    expect(vault.decrypt(vault.encrypt('13912345678', here), here)).toBe('13912345678');
  });

  it('refuses vault keys that cannot work, naming the variable and never the key', () => {
    const env = vaultEnv();
    const cases: Array<[Record<string, string>, RegExp]> = [
      [
        { SHUZHI_VAULT_KEYS: env.SHUZHI_VAULT_KEYS },
        /SHUZHI_VAULT_ACTIVE_KEY and SHUZHI_VAULT_BLIND_INDEX_KEY must be set together/,
      ],
      [{ ...env, SHUZHI_VAULT_KEYS: 'k2026:1:short' }, /SHUZHI_VAULT_KEYS: vault key entry 1/],
      [{ ...env, SHUZHI_VAULT_ACTIVE_KEY: 'k2027' }, /SHUZHI_VAULT_ACTIVE_KEY names a key id/],
      [{ ...env, SHUZHI_VAULT_BLIND_INDEX_KEY: 'c2hvcnQ=' }, /SHUZHI_VAULT_BLIND_INDEX_KEY must be 32 bytes/],
      [
        { ...env, SHUZHI_VAULT_BLIND_INDEX_KEY: env.SHUZHI_VAULT_KEYS.split(':')[2]! },
        /SHUZHI_VAULT_KEYS \/ SHUZHI_VAULT_BLIND_INDEX_KEY/,
      ],
    ];
    for (const [variables, message] of cases) {
      let error: unknown;
      try {
        loadConfig(variables);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(env.SHUZHI_VAULT_BLIND_INDEX_KEY);
      expect((error as Error).message).not.toContain(env.SHUZHI_VAULT_KEYS.split(':')[2]);
    }
  });

  it('reads the session timeouts', () => {
    expect(loadConfig({})).toMatchObject({ sessionIdleTimeoutMinutes: 30, sessionAbsoluteTimeoutHours: 12 });
    expect(
      loadConfig({ SHUZHI_SESSION_IDLE_TIMEOUT_MINUTES: '15', SHUZHI_SESSION_ABSOLUTE_TIMEOUT_HOURS: '8' }),
    ).toMatchObject({ sessionIdleTimeoutMinutes: 15, sessionAbsoluteTimeoutHours: 8 });
    expect(() => loadConfig({ SHUZHI_SESSION_IDLE_TIMEOUT_MINUTES: '0' })).toThrow(
      /SHUZHI_SESSION_IDLE_TIMEOUT_MINUTES must be a whole number/,
    );
    expect(() =>
      loadConfig({ SHUZHI_SESSION_IDLE_TIMEOUT_MINUTES: '120', SHUZHI_SESSION_ABSOLUTE_TIMEOUT_HOURS: '1' }),
    ).toThrow(/must not be longer than SHUZHI_SESSION_ABSOLUTE_TIMEOUT_HOURS/);
  });
});

describe('mail relay (SMTP) settings', () => {
  it('are absent by default: e-mail notifications are then skipped', () => {
    expect(loadConfig({}).smtp).toBeUndefined();
  });

  it('read host, security, port, user, password and sender, with the port following the security', () => {
    const smtp = loadConfig({
      SHUZHI_SMTP_HOST: 'smtp.example.gov.cn',
      SHUZHI_SMTP_FROM: '某县政务服务 <noreply@example.gov.cn>',
      SHUZHI_SMTP_USER: 'noreply',
      SHUZHI_SMTP_PASSWORD: 'relay secret',
    }).smtp;
    expect(smtp).toEqual({
      host: 'smtp.example.gov.cn',
      port: 587,
      security: 'starttls',
      user: 'noreply',
      password: 'relay secret',
      from: '某县政务服务 <noreply@example.gov.cn>',
    });
    const tls = loadConfig({
      SHUZHI_SMTP_HOST: 'smtp.example.gov.cn',
      SHUZHI_SMTP_FROM: 'noreply@example.gov.cn',
      SHUZHI_SMTP_SECURITY: 'tls',
    }).smtp;
    expect(tls).toMatchObject({ port: 465, security: 'tls', user: undefined });
  });

  it('refuses a relay without a sender, stray settings without a relay, and a password without a user', () => {
    expect(() => loadConfig({ SHUZHI_SMTP_HOST: 'smtp.example.gov.cn' })).toThrow(/SHUZHI_SMTP_FROM/);
    expect(() => loadConfig({ SHUZHI_SMTP_USER: 'noreply' })).toThrow(
      /SHUZHI_SMTP_USER set without SHUZHI_SMTP_HOST/,
    );
    expect(() =>
      loadConfig({
        SHUZHI_SMTP_HOST: 'smtp.example.gov.cn',
        SHUZHI_SMTP_FROM: 'noreply@example.gov.cn',
        SHUZHI_SMTP_PASSWORD: 'secret',
      }),
    ).toThrow(/SHUZHI_SMTP_PASSWORD is set without SHUZHI_SMTP_USER/);
    expect(() =>
      loadConfig({
        SHUZHI_SMTP_HOST: 'smtp.example.gov.cn',
        SHUZHI_SMTP_FROM: 'noreply@example.gov.cn',
        SHUZHI_SMTP_SECURITY: 'plain',
      }),
    ).toThrow(/SHUZHI_SMTP_SECURITY must be one of starttls, tls, none/);
  });
});
