/**
 * The customer's booking calls (`server/bookings/`), authenticated with the application's
 * capability token. Errors carry the server's stable `code` and its bilingual message.
 */
import type { BookingStatus } from '../domain/witness.ts';

/** The application a booking belongs to, and the capability token that opens it. */
export interface ApplicationKey {
	applicationId: string;
	token: string;
}

/** A failed API call: `code` is the server's stable error code (or `network`). */
export class BookingApiError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly status: number
	) {
		super(message);
		this.name = 'BookingApiError';
	}
}

export interface CallCredential {
	peerId: string;
	counterpartId: string;
	credential: string;
	expiresInMs: number;
}

async function call<T>(
	key: ApplicationKey,
	method: string,
	path: string,
	body?: unknown
): Promise<T> {
	let res: Response;
	try {
		res = await fetch(`/api/applications/${encodeURIComponent(key.applicationId)}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${key.token}`,
				...(body === undefined ? {} : { 'content-type': 'application/json' })
			},
			body: body === undefined ? null : JSON.stringify(body)
		});
	} catch {
		throw new BookingApiError('network', 'Network error / 网络错误', 0);
	}
	const json = (await res.json().catch(() => ({}))) as {
		error?: { code: string; message: string };
	};
	if (!res.ok)
		throw new BookingApiError(
			json.error?.code ?? 'internal',
			json.error?.message ?? '',
			res.status
		);
	return json as T;
}

/** Books a witness call now, or for `at` (within the next 24 h). */
export function bookWitness(key: ApplicationKey, at?: Date): Promise<BookingStatus> {
	return call(
		key,
		'POST',
		'/bookings',
		at ? { when: 'slot', at: at.toISOString() } : { when: 'now' }
	);
}

export function bookingStatus(key: ApplicationKey, bookingId: string): Promise<BookingStatus> {
	return call(key, 'GET', `/bookings/${encodeURIComponent(bookingId)}`);
}

export function cancelBooking(key: ApplicationKey, bookingId: string): Promise<{ ok: true }> {
	return call(key, 'DELETE', `/bookings/${encodeURIComponent(bookingId)}`);
}

export function customerCredential(
	key: ApplicationKey,
	bookingId: string
): Promise<CallCredential> {
	return call(key, 'POST', `/bookings/${encodeURIComponent(bookingId)}/credential`);
}

/** Subscribes this device to booking notifications (no-op where Web Push is unavailable). */
export async function subscribePush(key: ApplicationKey): Promise<boolean> {
	if (!('serviceWorker' in navigator) || !('PushManager' in window)) return false;
	const res = await fetch('/api/witness/push-key');
	if (!res.ok) return false;
	const { publicKey } = (await res.json()) as { publicKey: string };
	const reg = await navigator.serviceWorker.ready;
	const sub = await reg.pushManager.subscribe({
		userVisibleOnly: true,
		applicationServerKey: base64UrlToBytes(publicKey)
	});
	await call(key, 'POST', '/push-subscriptions', sub.toJSON());
	return true;
}

function base64UrlToBytes(s: string): Uint8Array<ArrayBuffer> {
	const b64 = s
		.replace(/-/g, '+')
		.replace(/_/g, '/')
		.padEnd(Math.ceil(s.length / 4) * 4, '=');
	const bin = atob(b64);
	const out = new Uint8Array(new ArrayBuffer(bin.length));
	for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
	return out;
}

const STORE_PREFIX = 'kaihu.witness.';

/**
 * The application key for this tab: from a link's fragment (`#app=…&k=…`, never sent to a
 * server) or remembered for the tab in sessionStorage.
 */
export function applicationKeyFrom(hash: string, storeKey = 'current'): ApplicationKey | null {
	const p = new URLSearchParams(hash.replace(/^#/, ''));
	const applicationId = p.get('app');
	const token = p.get('k');
	if (applicationId && token) {
		const key = { applicationId, token };
		sessionStorage.setItem(STORE_PREFIX + storeKey, JSON.stringify(key));
		return key;
	}
	const stored = sessionStorage.getItem(STORE_PREFIX + storeKey);
	return stored ? (JSON.parse(stored) as ApplicationKey) : null;
}

/** Remembers the key for a booking (the page of `/witness/<booking>` finds it after a reload). */
export function rememberKey(bookingId: string, key: ApplicationKey): void {
	sessionStorage.setItem(STORE_PREFIX + bookingId, JSON.stringify(key));
}

/** The bilingual message of a server error (`"English / 中文"`), for `pick`. */
export function apiMessage(e: unknown): { zh: string; en: string } {
	// Errors that already carry both texts (e.g. the staff client's StaffApiError).
	if (e && typeof e === 'object' && 'zh' in e && 'en' in e)
		return { zh: String(e.zh), en: String(e.en) };
	const text = e instanceof Error ? e.message : String(e);
	const [en = text, zh = text] = text.split(' / ');
	return { en, zh };
}
