/**
 * The database's tables as Kysely sees them. Each module declares its own tables by augmenting
 * this interface from its store (`declare module '…/platform/db/index.ts' { interface Tables … }`),
 * so a module owns its table types just as it owns its migrations.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging from each owner.
export interface Tables {}
