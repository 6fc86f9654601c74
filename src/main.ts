import fs from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { demoGeneratedSteps, demoSteps } from '../seed/demo/index.ts';
import { referenceSteps } from '../seed/reference/index.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { importBoston311 } from './modules/feedback/index.ts';
import { importDivisions, rotatePersonalDataKeys, rotateSigningKeys } from './modules/identity/index.ts';
import {
  formatSignerKey,
  formatVerifierKey,
  generateSigner,
  logVerifiers,
  parseVerifierKey,
  resolveLedgerKeys,
  verifyLedger,
  witnessRemoteLog,
  witnessVerifierKey,
} from './modules/ledger/index.ts';
import { systemClock } from './platform/clock/index.ts';
import { DataDirectoryLockedError } from './platform/db/index.ts';
import { MigrationError } from './platform/migrations/index.ts';
import { runSeedSteps } from './platform/seeding/index.ts';
import { createVault } from './platform/vault/index.ts';
import { openRuntime, readVersion } from './runtime.ts';
import { serve } from './serve.ts';

/** The `shuzhi` command. Configuration comes from the environment (see README, Configuration). */
/** Demo accounts have passwords and TOTP keys published in docs/demo.md: production must never hold them. */
function seedStepsFor(config: Config, withDemo: boolean | undefined) {
  if (withDemo && config.mode === 'production') {
    throw new ConfigError([
      '--demo loads accounts whose passwords are published in docs/demo.md, so it is refused when NODE_ENV=production',
    ]);
  }
  return [...referenceSteps, ...(withDemo ? [...demoSteps, ...demoGeneratedSteps] : [])];
}

const program = new Command('shuzhi')
  .description('Shuzhi (数治): the platform for digital government governance')
  .version(readVersion())
  .showHelpAfterError('(run with --help for usage)');

program
  .command('serve')
  .description(
    'Start the HTTP server (web app and API) on HOST:PORT; migrates the database first unless SHUZHI_MIGRATE_ON_START=false',
  )
  .addOption(
    new Option('--demo', 'load the demo data on first start (idempotent: a second start adds nothing)'),
  )
  .action(async (options: { demo?: boolean }) => {
    const config = loadConfig();
    const app = await serve({ config, seedSteps: seedStepsFor(config, options.demo) });
    const address = app.server.address();
    const where =
      typeof address === 'object' && address ? `http://${config.host}:${address.port}` : String(address);
    console.warn(
      `Shuzhi is serving at ${where} on ${config.databaseUrl ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`}`,
    );
  });

program
  .command('migrate')
  .description('Apply pending database migrations from db/migrations and exit')
  .action(async () => {
    const config = loadConfig();
    const runtime = await openRuntime(config, 'migrate', (message) => console.warn(message));
    console.warn(`Database schema is current (${runtime.migrations.length} migrations).`);
    await runtime.database.close();
  });

program
  .command('seed')
  .description('Load seed data into a migrated database; each step runs once per database')
  .addOption(new Option('--demo', 'also load the demo data (a fictional county, its people and cases)'))
  .action(async (options: { demo?: boolean }) => {
    const config = loadConfig();
    const seedSteps = seedStepsFor(config, options.demo);
    const runtime = await openRuntime(config, 'require-current', (message) => console.warn(message));
    try {
      const report = await runSeedSteps(runtime.database.db, systemClock, seedSteps, {
        vault: createVault(config.vaultKeys),
      });
      console.warn(
        `Seed steps run: ${report.ran.length ? report.ran.join(', ') : 'none'}; already present: ${report.skipped.length}`,
      );
    } finally {
      await runtime.database.close();
    }
  });

program
  .command('import')
  .description('Import reference data')
  .command('divisions')
  .description(
    'Import the national statistical division codes (2023): province to township, and with --villages the ~620,000 villages too',
  )
  .option('--villages', 'include the village level')
  .action(async (options: { villages?: boolean }) => {
    const config = loadConfig();
    const runtime = await openRuntime(config, 'require-current', (message) => console.warn(message));
    const bar = new SingleBar(
      { format: '{file} [{bar}] {percentage}% {value}/{total} rows, {duration}s', hideCursor: true },
      Presets.shades_classic,
    );
    let currentFile = '';
    const started = performance.now();
    try {
      const result = await importDivisions(runtime.database.db, systemClock, {
        includeVillages: Boolean(options.villages),
        onProgress(progress) {
          if (progress.file !== currentFile) {
            if (currentFile) bar.stop();
            currentFile = progress.file;
            bar.start(progress.expected, 0, { file: progress.file.padEnd(16) });
          }
          bar.update(progress.done, { file: progress.file.padEnd(16) });
        },
      });
      bar.stop();
      console.warn(
        `Imported ${result.rowsRead} divisions in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
    } finally {
      await runtime.database.close();
    }
  });

const feedbackCommand = program.command('feedback').description('Citizen feedback (12345)');

feedbackCommand
  .command('import-311')
  .description(
    'Import a City of Boston 311 export (CSV), each record mapped to our categories by feedback_category_mapping, into one division',
  )
  .argument('<csv>', 'the CSV file')
  .requiredOption('--division <code>', 'the division the records belong to (township code where known)')
  .action(async (file: string, options: { division: string }) => {
    const config = loadConfig();
    const csvText = fs.readFileSync(file, 'utf8');
    const runtime = await openRuntime(config, 'require-current', (message) => console.warn(message));
    const bar = new SingleBar(
      { format: '[{bar}] {value}/{total} records, {duration}s', hideCursor: true },
      Presets.shades_classic,
    );
    try {
      let isStarted = false;
      const report = await importBoston311(
        { db: runtime.database.db, clock: systemClock, vault: createVault(config.vaultKeys) },
        csvText,
        {
          divisionCode: options.division,
          onProgress(progress) {
            if (!isStarted) {
              bar.start(progress.total, 0);
              isStarted = true;
            }
            bar.update(progress.done);
          },
        },
      );
      bar.stop();
      console.warn(
        `Imported ${report.imported}; already there ${report.alreadyImported}; without a category mapping ${report.unmapped.length}; invalid ${report.invalid.length}.`,
      );
      for (const record of report.unmapped) console.warn(`  unmapped: ${record.externalId} (${record.type})`);
      for (const record of report.invalid) console.warn(`  invalid: ${record.externalId} (${record.reason})`);
    } finally {
      await runtime.database.close();
    }
  });

program
  .command('keys')
  .description('Encryption keys of personal data')
  .command('rotate')
  .description(
    'Re-encrypt every stored personal field under the active vault key (SHUZHI_VAULT_ACTIVE_KEY), in batches, ' +
      'while the platform keeps serving; keep the old key in SHUZHI_VAULT_KEYS until this reports nothing left',
  )
  .action(async () => {
    const config = loadConfig();
    const runtime = await openRuntime(config, 'require-current', (message) => console.warn(message));
    try {
      const report = await rotatePersonalDataKeys({
        db: runtime.database.db,
        vault: createVault(config.vaultKeys),
        clock: systemClock,
      });
      console.warn(
        `Examined ${report.examined} stored values; re-encrypted ${report.reencrypted} under the active key.`,
      );
    } finally {
      await runtime.database.close();
    }
  });

program
  .command('sso')
  .description('Single sign-on (the OpenID Connect provider)')
  .command('keys')
  .description('The keys ID tokens are signed with')
  .command('rotate')
  .description(
    'Start signing with new keys (RS256 and ES256); the current keys stay published for verification and the keys ' +
      'replaced at the previous rotation are retired. Rotate less often than the longest token lifetime (1 hour).',
  )
  .requiredOption('--reason <reason>', 'why, for the audit log (e.g. "scheduled quarterly rotation")')
  .action(async (options: { reason: string }) => {
    const config = loadConfig();
    const runtime = await openRuntime(config, 'require-current', (message) => console.warn(message));
    try {
      const result = await rotateSigningKeys(
        { db: runtime.database.db, clock: systemClock, vault: createVault(config.vaultKeys) },
        { kind: 'system', id: 'cli' },
        options.reason,
      );
      console.warn(
        `Signing with ${result.created.join(', ')}; still published for verification: ${result.superseded.join(', ') || 'none'}; retired: ${result.retired.join(', ') || 'none'}.`,
      );
    } finally {
      await runtime.database.close();
    }
  });

const ledger = program.command('ledger').description('The tamper-evident audit ledger');

ledger
  .command('verify')
  .description(
    'Re-derive the Merkle tree from the stored leaves and check every leaf hash, subtree, checkpoint signature and ' +
      'the consistency of consecutive checkpoints; exit 3 and name the first differing leaf if anything was changed',
  )
  .option(
    '--key <verifierKey...>',
    'also accept checkpoints signed by these verifier keys (besides SHUZHI_LEDGER_RETIRED_VERIFIER_KEYS)',
  )
  .action(async (options: { key?: string[] }) => {
    const config = loadConfig();
    const keys = resolveLedgerKeys(config);
    const runtime = await openRuntime(config, 'require-current', (message) => console.warn(message));
    try {
      const verifiers = [...logVerifiers(keys), ...(options.key ?? []).map((key) => parseVerifierKey(key))];
      const report = await verifyLedger(runtime.database.db, { origin: keys.origin, verifiers });
      if (report.isValid) {
        console.warn(
          `Ledger verified: ${report.leaves} leaves, ${report.checkpoints} checkpoints, all consistent.`,
        );
        return;
      }
      const first = report.firstProblem!;
      console.error(
        `LEDGER TAMPERED: first difference at leaf index ${first.leafIndex} ` +
          `(leaves ${first.leafRange[0]}…${first.leafRange[1] - 1}): ${first.kind}: ${first.detail}`,
      );
      for (const problem of report.problems.slice(1, 20)) {
        console.error(`  also at leaf ${problem.leafIndex}: ${problem.kind}: ${problem.detail}`);
      }
      process.exitCode = 3;
    } finally {
      await runtime.database.close();
    }
  });

ledger
  .command('keygen')
  .description(
    'Create a checkpoint signing key for SHUZHI_LEDGER_SIGNER_KEY (keep it secret) and print its verifier key',
  )
  .requiredOption('--origin <origin>', 'the log origin, e.g. ledger.your-county.gov.cn/audit')
  .action((options: { origin: string }) => {
    const signer = generateSigner(options.origin);
    console.log(`SHUZHI_LEDGER_ORIGIN=${options.origin}`);
    console.log(`SHUZHI_LEDGER_SIGNER_KEY=${formatSignerKey(signer)}`);
    console.log(`# verifier key (publish it): ${formatVerifierKey(signer)}`);
  });

ledger
  .command('witness-key')
  .description(
    "Print this deployment's witness verifier key, for the logs it witnesses to put in SHUZHI_LEDGER_WITNESS_KEYS",
  )
  .action(() => {
    console.log(witnessVerifierKey(resolveLedgerKeys(loadConfig())));
  });

ledger
  .command('witness')
  .description(
    "Witness another deployment's log: fetch its latest checkpoint, check it extends the last one cosigned here, " +
      'cosign it and hand the cosignature back',
  )
  .argument('<url>', 'base URL of the other Shuzhi deployment, e.g. https://county.example.gov.cn')
  .requiredOption('--log-key <verifierKey>', "the other log's checkpoint verifier key")
  .action(async (url: string, options: { logKey: string }) => {
    const config = loadConfig();
    const keys = resolveLedgerKeys(config);
    const runtime = await openRuntime(config, 'require-current', (message) => console.warn(message));
    try {
      const result = await witnessRemoteLog(runtime.database.db, keys, url, options.logKey);
      console.warn(
        `Cosigned ${result.origin} at size ${result.treeSize}; accepted by the log: ${result.accepted}`,
      );
    } finally {
      await runtime.database.close();
    }
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (
    error instanceof ConfigError ||
    error instanceof MigrationError ||
    error instanceof DataDirectoryLockedError
  ) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
}
