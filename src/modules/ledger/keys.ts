import { hkdfSync } from 'node:crypto';
import { type Config, ConfigError } from '../../config.ts';
import {
  COSIGNATURE_V1,
  ED25519,
  type NoteSigner,
  type NoteVerifier,
  parseSignerKey,
  parseVerifierKey,
  signerFromSecretKey,
  verifierOf,
} from './note.ts';

export type LedgerKeys = {
  origin: string;
  /** Signs this log's checkpoints. */
  signer: NoteSigner;
  /** Cosigns other deployments' checkpoints when this deployment witnesses them. */
  witnessSigner: NoteSigner;
  /** Whose cosignatures on our checkpoints we accept and serve. */
  witnesses: NoteVerifier[];
  /** Keys that signed this log's checkpoints before the current signer, oldest first. */
  retired: NoteVerifier[];
};

/**
 * The log's keys from the configuration. Outside production, with no key configured, they are
 * derived from the secret key, so a demo works at once and several servers of one deployment agree;
 * production requires a key of its own (config.ts refuses to start without one).
 */
export function resolveLedgerKeys(config: Config): LedgerKeys {
  const signer = config.ledgerSignerKey
    ? parseConfiguredSigner(config.ledgerSignerKey)
    : signerFromSecretKey(
        config.ledgerOrigin,
        deriveSeed(config.secretKey, 'checkpoint', config.ledgerOrigin),
        ED25519,
      );
  const witnessSigner = signerFromSecretKey(
    `${config.ledgerOrigin}/witness`,
    deriveSeed(config.secretKey, 'witness', config.ledgerOrigin),
    COSIGNATURE_V1,
  );
  const witnesses = config.ledgerWitnessKeys.map((key, position) => {
    try {
      return parseVerifierKey(key);
    } catch (error) {
      throw new Error(
        `SHUZHI_LEDGER_WITNESS_KEYS entry ${position + 1} is not a verifier key: ${(error as Error).message}`,
      );
    }
  });
  const retired = config.ledgerRetiredVerifierKeys.map((key, position) =>
    parseRetiredKey(key, position, config.ledgerOrigin),
  );
  return { origin: config.ledgerOrigin, signer, witnessSigner, witnesses, retired };
}

export function ownVerifier(keys: LedgerKeys): NoteVerifier {
  return verifierOf(keys.signer);
}

/** Every key this log's checkpoints may carry: the current signer's and the retired ones. */
export function logVerifiers(keys: LedgerKeys): NoteVerifier[] {
  return [ownVerifier(keys), ...keys.retired];
}

function parseRetiredKey(key: string, position: number, origin: string): NoteVerifier {
  const entry = `SHUZHI_LEDGER_RETIRED_VERIFIER_KEYS entry ${position + 1}`;
  let verifier: NoteVerifier;
  try {
    verifier = parseVerifierKey(key);
  } catch (error) {
    throw new ConfigError([`${entry} is not a verifier key: ${(error as Error).message}`]);
  }
  // A checkpoint's signature line names the log, so a key under another name can never match one.
  if (verifier.name !== origin) {
    throw new ConfigError([`${entry} is named ${verifier.name}, not this log's origin ${origin}`]);
  }
  if (verifier.signatureType !== ED25519) {
    throw new ConfigError([`${entry} must be an Ed25519 (type 0x01) verifier key`]);
  }
  return verifier;
}

function parseConfiguredSigner(key: string): NoteSigner {
  let signer: NoteSigner;
  try {
    signer = parseSignerKey(key);
  } catch (error) {
    throw new ConfigError([`SHUZHI_LEDGER_SIGNER_KEY is not a signer key: ${(error as Error).message}`]);
  }
  if (signer.signatureType !== ED25519) {
    throw new ConfigError(['SHUZHI_LEDGER_SIGNER_KEY must be an Ed25519 (type 0x01) signed-note key']);
  }
  return signer;
}

function deriveSeed(secret: string, purpose: string, origin: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, `shuzhi.ledger.${purpose}`, origin, 32));
}
