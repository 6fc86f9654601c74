import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/index.ts';
import { spawnNode } from '../support/processes.ts';

function get(port: number, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('server process lifecycle on the embedded database', { timeout: 120_000 }, () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuzhi-data-'));
  });
  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second process on the same data directory with a clear message', async () => {
    const holder = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const second = spawnNode(['bin/shuzhi.js', 'migrate'], { SHUZHI_DATA_DIR: dataDir });
      const { code } = await second.exited;
      expect(code).toBe(2);
      expect(second.output()).toContain(
        `The data directory ${dataDir} is already in use by another Shuzhi process (pid ${process.pid}`,
      );
    } finally {
      await holder.close();
    }
    const afterRelease = spawnNode(['bin/shuzhi.js', 'migrate'], { SHUZHI_DATA_DIR: dataDir });
    expect((await afterRelease.exited).code).toBe(0);
    expect(afterRelease.output()).toContain('Database schema is current');
  });

  it('finishes a request in flight on SIGTERM, then exits 0', async () => {
    const server = spawnNode(['test/fixtures/slow-server.ts'], {
      SHUZHI_DATA_DIR: dataDir,
      PORT: '0',
      NODE_ENV: 'test',
    });
    const [, port] = await server.waitFor(/listening on port (\d+)/);
    const slow = get(Number(port), '/api/test/slow');
    await server.waitFor(/slow request started/);
    server.child.kill('SIGTERM');
    await server.waitFor(/shutting down/);
    // A new request is not served while the old one finishes: refused, reset if it raced the closing
    // listener, or answered 503 if it reached the app.
    const late = await get(Number(port), '/api/health').then(
      (answer) => answer.status,
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect([503, 'ECONNREFUSED', 'ECONNRESET']).toContain(late);
    const response = await slow;
    expect(response).toEqual({ status: 200, body: '{"finished":true}' });
    const { code } = await server.exited;
    expect(code).toBe(0);
    // The data directory lock was released on the way out.
    const next = await openDatabase({ kind: 'pglite', dataDir });
    await next.close();
  });

  it('stops start-up with a message naming a bad variable', async () => {
    const run = spawnNode(['bin/shuzhi.js', 'serve'], { SHUZHI_DATA_DIR: dataDir, PORT: 'eighty' });
    expect((await run.exited).code).toBe(2);
    expect(run.output()).toContain('PORT must be a whole number');
  });

  it('refuses production start-up with the demo secret', async () => {
    const run = spawnNode(['bin/shuzhi.js', 'serve'], { SHUZHI_DATA_DIR: dataDir, NODE_ENV: 'production' });
    expect((await run.exited).code).toBe(2);
    expect(run.output()).toContain('SHUZHI_SECRET_KEY is required in production');
  });

  it('stops start-up when an applied migration file was edited', async () => {
    const migrate = spawnNode(['bin/shuzhi.js', 'migrate'], { SHUZHI_DATA_DIR: dataDir });
    expect((await migrate.exited).code).toBe(0);
    const database = await openDatabase({ kind: 'pglite', dataDir });
    // Same effect as editing the file after it was applied: recorded and actual checksums differ.
    await sql`update shuzhi_migration set checksum = repeat('0', 64) where version = 1`.execute(database.db);
    await database.close();
    const serve = spawnNode(['bin/shuzhi.js', 'serve'], { SHUZHI_DATA_DIR: dataDir, PORT: '0' });
    expect((await serve.exited).code).toBe(2);
    expect(serve.output()).toMatch(/Migration 0001_[a-z-]+\.sql was changed after it was applied/);
  });

  it('prints help for each command', async () => {
    for (const command of ['serve', 'migrate', 'seed']) {
      const run = spawnNode(['bin/shuzhi.js', command, '--help'], {});
      expect((await run.exited).code).toBe(0);
      expect(run.output()).toContain(`Usage: shuzhi ${command}`);
    }
  });
});
