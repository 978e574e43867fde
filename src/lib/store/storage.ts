/**
 * Device storage health: persistence (so the browser does not evict queued records under storage
 * pressure) and how much space is used.
 */

export interface StorageHealth {
	/** The browser promised not to evict this origin's data without asking the user. */
	persisted: boolean;
	usageBytes: number | undefined;
	quotaBytes: number | undefined;
}

/** Asks for persistent storage once (Chromium grants it to installed or engaged sites). */
export async function requestPersistence(): Promise<boolean> {
	const s = globalThis.navigator?.storage;
	if (!s?.persist) return false;
	if (await s.persisted()) return true;
	return s.persist().catch(() => false);
}

/** Current persistence, usage and quota (unknown values stay `undefined`). */
export async function storageHealth(): Promise<StorageHealth> {
	const s = globalThis.navigator?.storage;
	const persisted = (await s?.persisted?.().catch(() => false)) ?? false;
	const est = await s?.estimate?.().catch(() => undefined);
	return { persisted, usageBytes: est?.usage, quotaBytes: est?.quota };
}

/** "12.3 MB" */
export function formatBytes(n: number | undefined): string {
	if (n === undefined) return '—';
	if (n < 1024) return `${n} B`;
	const units = ['KB', 'MB', 'GB', 'TB'];
	let v = n / 1024;
	let u = 0;
	while (v >= 1024 && u < units.length - 1) {
		v /= 1024;
		u++;
	}
	return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}
