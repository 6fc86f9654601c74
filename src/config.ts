import path from 'node:path';
import type { SmtpSettings } from './platform/notifications/index.ts';
import { createVault, deriveDemoVaultKeys, parseVaultKeys, type VaultKeys } from './platform/vault/index.ts';

/**
 * The only reader of process.env. Everything the platform can be told by its environment is
 * parsed here once into a typed, frozen object; an invalid value stops start-up with a message
 * that names the variable, so an operator never chases a misconfiguration through a stack trace.
 */

export type RunMode = 'development' | 'test' | 'production';

export type Config = Readonly<{
  mode: RunMode;
  host: string;
  port: number;
  /** PostgreSQL connection string; absent means the embedded PGlite database in dataDir. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  webDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Master secret for cookies and keyed hashes. Demo value only outside production. */
  secretKey: string;
  rateLimitPerMinute: number;
  trustProxy: boolean;
  migrateOnStart: boolean;
  shutdownTimeoutMs: number;
  /** Names this deployment's audit log in its checkpoints, e.g. `ledger.demo-county.gov.cn/audit`. */
  ledgerOrigin: string;
  /** Signed-note signer key (`PRIVATE+KEY+name+id+base64`); absent outside production = derived from the secret. */
  ledgerSignerKey: string | undefined;
  /** Verifier keys of the witnesses (e.g. the province's deployment) whose cosignatures are accepted. */
  ledgerWitnessKeys: readonly string[];
  /** Verifier keys this log signed its checkpoints with before the current signer (key rotation). */
  ledgerRetiredVerifierKeys: readonly string[];
  ledgerIntegrationIntervalMs: number;
  /** Keys for personal data at rest; outside production, when none are configured, derived from the secret. */
  vaultKeys: VaultKeys;
  /** A session ends after this long without a request. */
  sessionIdleTimeoutMinutes: number;
  /** A session ends this long after sign-in, however active. */
  sessionAbsoluteTimeoutHours: number;
  /**
   * The address people and other systems reach this deployment at (scheme, host, optional port, no
   * path), e.g. https://zwfw.example.gov.cn: the OpenID Connect issuer is this plus /oidc.
   */
  publicUrl: string;
  /** The mail relay for e-mail notifications; undefined = none, and e-mails are recorded as skipped. */
  smtp: SmtpSettings | undefined;
  notificationIntervalMs: number;
  /** Working days a department has to decide a data sharing request. */
  sharingDecisionWorkingDays: number;
}>;

/** Shipped so that `npm start` works out of the box; production refuses it. */
export const DEMO_SECRET_KEY = 'shuzhi-demo-secret-key-not-for-production-use-000';

const MIN_SECRET_LENGTH = 32;

export const DEMO_LEDGER_ORIGIN = 'shuzhi.demo.invalid/ledger';

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const mode = read.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const config: Omit<Config, 'vaultKeys' | 'publicUrl' | 'smtp'> = {
    mode,
    host: read.text('HOST', '127.0.0.1'),
    port: read.integer('PORT', 3000, 0, 65535),
    databaseUrl: read.postgresUrl('DATABASE_URL'),
    databasePoolSize: read.integer('DATABASE_POOL_SIZE', 10, 1, 500),
    dataDir: path.resolve(cwd, read.text('SHUZHI_DATA_DIR', './data')),
    webDir: path.resolve(cwd, read.text('SHUZHI_WEB_DIR', './dist/web')),
    logLevel: read.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      mode === 'test' ? 'silent' : 'info',
    ),
    secretKey: read.text('SHUZHI_SECRET_KEY', mode === 'production' ? '' : DEMO_SECRET_KEY),
    rateLimitPerMinute: read.integer('SHUZHI_RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    trustProxy: read.boolean('SHUZHI_TRUST_PROXY', false),
    migrateOnStart: read.boolean('SHUZHI_MIGRATE_ON_START', true),
    shutdownTimeoutMs: read.integer('SHUZHI_SHUTDOWN_TIMEOUT_MS', 25_000, 0, 600_000),
    ledgerOrigin: read.text('SHUZHI_LEDGER_ORIGIN', mode === 'production' ? '' : DEMO_LEDGER_ORIGIN),
    ledgerSignerKey: read.optionalText('SHUZHI_LEDGER_SIGNER_KEY'),
    ledgerWitnessKeys: read.list('SHUZHI_LEDGER_WITNESS_KEYS'),
    ledgerRetiredVerifierKeys: read.list('SHUZHI_LEDGER_RETIRED_VERIFIER_KEYS'),
    ledgerIntegrationIntervalMs: read.integer('SHUZHI_LEDGER_INTEGRATION_INTERVAL_MS', 250, 10, 60_000),
    sessionIdleTimeoutMinutes: read.integer('SHUZHI_SESSION_IDLE_TIMEOUT_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteTimeoutHours: read.integer('SHUZHI_SESSION_ABSOLUTE_TIMEOUT_HOURS', 12, 1, 30 * 24),
    notificationIntervalMs: read.integer('SHUZHI_NOTIFICATION_INTERVAL_MS', 5_000, 100, 600_000),
    sharingDecisionWorkingDays: read.integer('SHUZHI_SHARING_DECISION_WORKING_DAYS', 10, 1, 60),
  };
  const smtp = readSmtpSettings(read, problems);
  const publicUrl = read.publicUrl('SHUZHI_PUBLIC_URL', mode, config.host, config.port);
  const vaultKeys = readVaultKeys(read, mode, config.secretKey, problems);
  if (config.sessionIdleTimeoutMinutes > config.sessionAbsoluteTimeoutHours * 60) {
    problems.push(
      'SHUZHI_SESSION_IDLE_TIMEOUT_MINUTES must not be longer than SHUZHI_SESSION_ABSOLUTE_TIMEOUT_HOURS',
    );
  }

  if (mode === 'production') {
    if (config.secretKey === '') {
      problems.push('SHUZHI_SECRET_KEY is required in production (at least 32 characters of random data)');
    } else if (config.secretKey === DEMO_SECRET_KEY) {
      problems.push('SHUZHI_SECRET_KEY must not be the shipped demo value in production');
    } else if (config.secretKey.length < MIN_SECRET_LENGTH) {
      problems.push(`SHUZHI_SECRET_KEY must be at least ${MIN_SECRET_LENGTH} characters in production`);
    }
  }

  if (/[\s+]/.test(config.ledgerOrigin)) {
    problems.push('SHUZHI_LEDGER_ORIGIN must contain no spaces or "+" (it is a signed-note key name)');
  }
  if (mode === 'production') {
    if (config.ledgerOrigin === '') {
      problems.push('SHUZHI_LEDGER_ORIGIN is required in production (e.g. ledger.your-county.gov.cn/audit)');
    }
    if (config.ledgerSignerKey === undefined) {
      problems.push(
        'SHUZHI_LEDGER_SIGNER_KEY is required in production (create one with "shuzhi ledger keygen")',
      );
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({ ...config, publicUrl, smtp, vaultKeys: vaultKeys! });
}

/**
 * The mail relay: SHUZHI_SMTP_HOST turns e-mail on, and then the From address is required. Without a
 * host the other SMTP variables are refused rather than silently ignored.
 */
function readSmtpSettings(read: EnvReader, problems: string[]): SmtpSettings | undefined {
  const host = read.optionalText('SHUZHI_SMTP_HOST');
  const security = read.oneOf('SHUZHI_SMTP_SECURITY', ['starttls', 'tls', 'none'] as const, 'starttls');
  const port = read.integer('SHUZHI_SMTP_PORT', security === 'tls' ? 465 : 587, 1, 65535);
  const user = read.optionalText('SHUZHI_SMTP_USER');
  const password = read.optionalText('SHUZHI_SMTP_PASSWORD');
  const from = read.optionalText('SHUZHI_SMTP_FROM');
  if (host === undefined) {
    const stray = [
      'SHUZHI_SMTP_PORT',
      'SHUZHI_SMTP_SECURITY',
      'SHUZHI_SMTP_USER',
      'SHUZHI_SMTP_PASSWORD',
      'SHUZHI_SMTP_FROM',
    ].filter((name) => read.optionalText(name) !== undefined);
    if (stray.length > 0) problems.push(`${stray.join(', ')} set without SHUZHI_SMTP_HOST (the mail relay)`);
    return undefined;
  }
  if (from === undefined || !/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/.test(from)) {
    problems.push(
      'SHUZHI_SMTP_FROM must be the sender address, e.g. "某县政务服务 <noreply@example.gov.cn>"',
    );
  }
  if (password !== undefined && user === undefined) {
    problems.push('SHUZHI_SMTP_PASSWORD is set without SHUZHI_SMTP_USER');
  }
  return Object.freeze({ host, port, security, user, password, from: from ?? '' });
}

const VAULT_VARIABLES = [
  'SHUZHI_VAULT_KEYS',
  'SHUZHI_VAULT_ACTIVE_KEY',
  'SHUZHI_VAULT_BLIND_INDEX_KEY',
] as const;

/**
 * The vault's keys: all three variables together, or (outside production) none, and then keys derived
 * from the secret so that a demo works at once. Messages name the variable, never a key.
 */
function readVaultKeys(
  read: EnvReader,
  mode: RunMode,
  secretKey: string,
  problems: string[],
): VaultKeys | undefined {
  const [keysText, activeKeyId, blindIndexText] = VAULT_VARIABLES.map((name) => read.optionalText(name));
  const given = [keysText, activeKeyId, blindIndexText].filter((value) => value !== undefined).length;
  if (given === 0) {
    if (mode !== 'production') return deriveDemoVaultKeys(secretKey);
    for (const name of VAULT_VARIABLES) {
      problems.push(
        `${name} is required in production (personal data is encrypted with it; see docs/identity-people-sign-in.md)`,
      );
    }
    return undefined;
  }
  if (given < VAULT_VARIABLES.length) {
    const missing = VAULT_VARIABLES.filter(
      (_, index) => [keysText, activeKeyId, blindIndexText][index] === undefined,
    );
    problems.push(`${missing.join(' and ')} must be set together with the other SHUZHI_VAULT_ variables`);
    return undefined;
  }
  let keys: VaultKeys['keys'];
  try {
    keys = parseVaultKeys(keysText!);
  } catch (error) {
    problems.push(`SHUZHI_VAULT_KEYS: ${(error as Error).message}`);
    return undefined;
  }
  const blindIndexKey = Buffer.from(blindIndexText!, 'base64');
  if (blindIndexKey.toString('base64') !== blindIndexText || blindIndexKey.length !== 32) {
    problems.push(
      'SHUZHI_VAULT_BLIND_INDEX_KEY must be 32 bytes in canonical base64 (openssl rand -base64 32)',
    );
    return undefined;
  }
  if (!keys.some((key) => key.id === activeKeyId)) {
    problems.push(`SHUZHI_VAULT_ACTIVE_KEY names a key id that SHUZHI_VAULT_KEYS does not list`);
    return undefined;
  }
  const vaultKeys: VaultKeys = { keys, activeKeyId: activeKeyId!, blindIndexKey };
  try {
    createVault(vaultKeys);
  } catch (error) {
    problems.push(`SHUZHI_VAULT_KEYS / SHUZHI_VAULT_BLIND_INDEX_KEY: ${(error as Error).message}`);
    return undefined;
  }
  return vaultKeys;
}

class EnvReader {
  readonly #env: Env;
  readonly #problems: string[];

  constructor(env: Env, problems: string[]) {
    this.#env = env;
    this.#problems = problems;
  }

  #raw(name: string): string | undefined {
    const value = this.#env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  text(name: string, fallback: string): string {
    return this.#raw(name) ?? fallback;
  }

  optionalText(name: string): string | undefined {
    return this.#raw(name);
  }

  /** Values separated by commas or newlines. */
  list(name: string): string[] {
    const raw = this.#raw(name);
    if (raw === undefined) return [];
    return raw
      .split(/[,\n]/)
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.#raw(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.#problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.#raw(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.#problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.#raw(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.#problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  /**
   * The deployment's public address: an origin without path, query or trailing slash. Required in
   * production (it names the OpenID Connect issuer, which must not change); elsewhere it defaults to the
   * listening address.
   */
  publicUrl(name: string, mode: RunMode, host: string, port: number): string {
    const raw = this.#raw(name);
    const fallback = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    if (raw === undefined) {
      if (mode === 'production') {
        this.#problems.push(
          `${name} is required in production (the https:// address people reach this deployment at; it names the single sign-on issuer)`,
        );
      }
      return fallback;
    }
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      this.#problems.push(
        `${name} must be an absolute URL such as https://zwfw.example.gov.cn (got "${raw}")`,
      );
      return fallback;
    }
    const isOrigin = `${url.origin}` === raw.replace(/\/$/, '') && url.pathname === '/';
    if (!isOrigin || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      this.#problems.push(`${name} must be an http(s) origin with no path, query or fragment (got "${raw}")`);
      return fallback;
    }
    if (mode === 'production' && url.protocol !== 'https:') {
      this.#problems.push(`${name} must use https in production (got "${raw}")`);
    }
    return url.origin;
  }

  postgresUrl(name: string): string | undefined {
    const raw = this.#raw(name);
    if (raw === undefined) return undefined;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      this.#problems.push(`${name} must be a postgres:// connection URL`);
      return undefined;
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      this.#problems.push(`${name} must start with postgres:// or postgresql:// (got "${url.protocol}//")`);
      return undefined;
    }
    return raw;
  }
}
