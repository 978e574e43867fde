/**
 * The remembered device of branch-staff mode: after one online login, the tablet keeps who the
 * staff member is and a PBKDF2 verifier of their password (never the password), so they can unlock
 * the branch console again with no connection. Unlocking is per tab (`sessionStorage`), so a
 * closed tab or a new one asks again. Forgetting the device removes both.
 */
import type { KaihuDb } from '$lib/store/db.ts';
import { getSetting, setSetting } from '$lib/store/settings.ts';

/** Roles that may capture walk-in customers. */
export const BRANCH_ROLES = ['agent', 'admin'] as const;
export type BranchRole = (typeof BRANCH_ROLES)[number];

export interface RememberedStaff {
	staffId: string;
	username: string;
	role: BranchRole;
	rememberedAt: number;
	salt: Uint8Array<ArrayBuffer>;
	verifier: ArrayBuffer;
	iterations: number;
}

const KEY = 'branch.device';
const UNLOCKED = 'kaihu.branch.unlocked';
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.2 s on a mid-range tablet. */
export const PBKDF2_ITERATIONS = 600_000;

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
	const base = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(password),
		'PBKDF2',
		false,
		['deriveBits']
	);
	return crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 256);
}

function equal(a: ArrayBuffer, b: ArrayBuffer): boolean {
	const x = new Uint8Array(a);
	const y = new Uint8Array(b);
	if (x.length !== y.length) return false;
	let d = 0;
	for (let i = 0; i < x.length; i++) d |= x[i]! ^ y[i]!;
	return d === 0;
}

/** Remembers this device for a staff member who just logged in online with `password`. */
export async function rememberDevice(
	db: KaihuDb,
	staff: { id: string; username: string; role: BranchRole },
	password: string,
	iterations = PBKDF2_ITERATIONS,
	now = Date.now()
): Promise<RememberedStaff> {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const remembered: RememberedStaff = {
		staffId: staff.id,
		username: staff.username,
		role: staff.role,
		rememberedAt: now,
		salt,
		verifier: await derive(password, salt, iterations),
		iterations
	};
	await setSetting(db, KEY, remembered);
	return remembered;
}

/** Who this device remembers, if anyone. */
export function rememberedStaff(db: KaihuDb): Promise<RememberedStaff | undefined> {
	return getSetting<RememberedStaff | undefined>(db, KEY, undefined);
}

/** Checks the password against the remembered verifier (works offline). */
export async function checkPassword(who: RememberedStaff, password: string): Promise<boolean> {
	return equal(await derive(password, who.salt, who.iterations), who.verifier);
}

/** Forgets the staff member on this device and locks the console. */
export async function forgetDevice(db: KaihuDb): Promise<void> {
	await db.settings.delete(KEY);
	lock();
}

/** Marks this tab unlocked for `staffId` (survives reloads, not a closed tab). */
export function markUnlocked(staffId: string): void {
	try {
		sessionStorage.setItem(UNLOCKED, staffId);
	} catch {
		// Storage blocked: the console stays unlocked for this page view only.
	}
}

/** The staff id this tab was unlocked for. */
export function unlockedFor(): string | null {
	try {
		return sessionStorage.getItem(UNLOCKED);
	} catch {
		return null;
	}
}

export function lock(): void {
	try {
		sessionStorage.removeItem(UNLOCKED);
	} catch {
		// Nothing stored.
	}
}
