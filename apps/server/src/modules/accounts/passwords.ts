// argon2id with the OWASP-recommended minimum (19 MiB, 2 iterations): strong, and fast enough
// that a sign-in stays well under a second on two cores.
import argon2 from 'argon2';

const options = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try { return await argon2.verify(hash, password); } catch { return false; }
}

/** Verifying against this keeps a wrong email as slow as a wrong password (no account probing). */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('localpact-decoy-password');
  return decoy;
}
