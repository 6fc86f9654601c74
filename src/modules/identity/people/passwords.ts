/**
 * Passwords (NIST SP 800-63B): a minimum length and a list of refused values, no composition rules,
 * hashed with argon2id. The hash parameters live in each PHC string, so they can be raised later
 * without invalidating stored hashes.
 */
import fs from 'node:fs';
import { type Algorithm, hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 10;
/** Long passphrases are welcome; the cap only stops hashing megabytes per request. */
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordRejection = 'too-short' | 'too-long' | 'common' | 'repetitive' | 'personal-data';

const COMMON_PASSWORDS_FILE = new URL('../../../../seed/passwords/common-passwords.txt', import.meta.url);

let commonPasswords: ReadonlySet<string> | undefined;

function isCommon(folded: string): boolean {
  commonPasswords ??= new Set(
    fs
      .readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split('\n')
      .map((line) => fold(line))
      .filter((line) => line !== ''),
  );
  return commonPasswords.has(folded);
}

function fold(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}

/**
 * Why a new password is refused, or undefined when it is acceptable. `personal` holds the person's own
 * identifiers (ID number, phone): a password that contains one is guessable by anyone who knows them.
 */
export function checkNewPassword(
  password: string,
  personal: readonly string[],
): { reason: PasswordRejection; message: string } | undefined {
  const length = Array.from(password).length;
  if (length < MIN_PASSWORD_LENGTH) {
    return {
      reason: 'too-short',
      message: `A password needs at least ${MIN_PASSWORD_LENGTH} characters; this has ${length}. A few unrelated words make a good one.`,
    };
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return { reason: 'too-long', message: `A password has at most ${MAX_PASSWORD_LENGTH} characters.` };
  }
  const folded = fold(password);
  if (isCommon(folded)) {
    return {
      reason: 'common',
      message: 'This password is on the list of commonly used passwords that attackers try first.',
    };
  }
  if (isRepetitiveOrSequential(folded)) {
    return {
      reason: 'repetitive',
      message: 'This password is a repeated or sequential pattern (like aaaaaaaaaa or 0123456789).',
    };
  }
  if (personal.some((value) => value !== '' && folded.includes(fold(value)))) {
    return {
      reason: 'personal-data',
      message: 'The password must not contain your ID number or phone number.',
    };
  }
  return undefined;
}

/** One short unit repeated (abcabcabca), or a run where each character is one more or one less. */
function isRepetitiveOrSequential(text: string): boolean {
  const characters = Array.from(text);
  for (let unit = 1; unit <= 3; unit++) {
    if (characters.every((character, index) => character === characters[index % unit])) return true;
  }
  const steps = characters.slice(1).map((character, index) => {
    return character.codePointAt(0)! - characters[index]!.codePointAt(0)!;
  });
  return steps.every((step) => step === 1) || steps.every((step) => step === -1);
}

// OWASP's recommended minimum for argon2id: 19 MiB memory, 2 iterations, 1 lane.
// Algorithm is an ambient const enum, which type stripping cannot inline: 2 is Argon2id.
const ARGON2_OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for sign-ins naming no account: otherwise the
 * quicker answer would tell that the account does not exist.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('not a password of anyone: only burns time');
  await verifyPassword(await dummyHash, password);
  return false;
}
