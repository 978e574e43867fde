import { createHash, randomBytes } from 'node:crypto';

/** A 256-bit random token, URL-safe, with a prefix that makes leaked tokens greppable. */
export function newToken(prefix: string): string {
	return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are stored only as their sha256. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}
