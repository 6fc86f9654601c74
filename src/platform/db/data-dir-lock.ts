import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * Two processes on one PGlite directory corrupt it, so the embedded database takes an exclusive
 * lock on its data directory. proper-lockfile keeps the lock fresh while we live and treats it as
 * stale after a crash, so a killed server never blocks the next start for long.
 */
export class DataDirectoryLockedError extends Error {
  readonly dataDir: string;
  constructor(dataDir: string, holder: string | undefined) {
    super(
      `The data directory ${dataDir} is already in use by another Shuzhi process${holder ? ` (${holder})` : ''}. ` +
        'Stop that process, or point SHUZHI_DATA_DIR at another directory. ' +
        'Two processes on one embedded database would corrupt it.',
    );
    this.name = 'DataDirectoryLockedError';
    this.dataDir = dataDir;
  }
}

const STALE_AFTER_MS = 30_000;
const HOLDER_FILE = 'shuzhi.lock.json';

export type DataDirectoryLock = { release(): Promise<void> };

export async function lockDataDirectory(dataDir: string): Promise<DataDirectoryLock> {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'shuzhi.lock');
  // A holder on this machine that no longer exists (killed, crashed) cannot be using the data, so
  // its lock is cleared at once instead of waiting for it to go stale.
  if (fs.existsSync(lockPath) && isHolderGone(dataDir)) fs.rmSync(lockPath, { recursive: true, force: true });
  let releaseLock: () => Promise<void>;
  try {
    releaseLock = await lockfile.lock(dataDir, {
      lockfilePath: lockPath,
      stale: STALE_AFTER_MS,
      realpath: false,
      onCompromised: (error) => {
        // Another process took the lock from under us; continuing would corrupt the database.
        console.error(`Lost the lock on ${dataDir}: ${error.message}. Stopping to protect the data.`);
        process.exit(70);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new DataDirectoryLockedError(dataDir, describeHolder(dataDir));
    }
    throw error;
  }
  const holderPath = path.join(dataDir, HOLDER_FILE);
  fs.writeFileSync(
    holderPath,
    JSON.stringify({
      pid: process.pid,
      hostname: os.hostname(),
      startedAt: new Date().toISOString(),
      argv: process.argv.slice(1),
    }),
  );
  return {
    async release() {
      fs.rmSync(holderPath, { force: true });
      await releaseLock();
    },
  };
}

type Holder = { pid?: number; hostname?: string; startedAt?: string };

function readHolder(dataDir: string): Holder | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, HOLDER_FILE), 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

function describeHolder(dataDir: string): string | undefined {
  const holder = readHolder(dataDir);
  return holder ? `pid ${holder.pid}, started ${holder.startedAt}` : undefined;
}

function isHolderGone(dataDir: string): boolean {
  const holder = readHolder(dataDir);
  if (!holder?.pid || holder.hostname !== os.hostname() || holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
