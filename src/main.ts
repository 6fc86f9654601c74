import { Command, Option } from 'commander';
import { demoSteps } from '../seed/demo/index.ts';
import { ConfigError, loadConfig } from './config.ts';
import { systemClock } from './platform/clock/index.ts';
import { DataDirectoryLockedError } from './platform/db/index.ts';
import { MigrationError } from './platform/migrations/index.ts';
import { runSeedSteps } from './platform/seeding/index.ts';
import { openRuntime, readVersion } from './runtime.ts';
import { serve } from './serve.ts';

/** The `shuzhi` command. Configuration comes from the environment (see README, Configuration). */
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
    const app = await serve({ config, seedSteps: options.demo ? demoSteps : [] });
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
    const runtime = await openRuntime(config, 'require-current', (message) => console.warn(message));
    try {
      const report = await runSeedSteps(runtime.database.db, systemClock, options.demo ? demoSteps : []);
      console.warn(
        `Seed steps run: ${report.ran.length ? report.ran.join(', ') : 'none'}; already present: ${report.skipped.length}`,
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
