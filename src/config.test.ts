import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_SECRET_KEY, loadConfig } from './config.ts';

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
    });
    expect(config.mode).toBe('production');
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
});
