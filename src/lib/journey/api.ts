/**
 * The customer routes the wizard calls: create an application (capability token), submit with an
 * `Idempotency-Key`, read the status. Network failures are `offline` (the caller queues), server
 * refusals carry the server's code and bilingual message.
 */
import type { Submission } from '$lib/domain/application-schema.ts';
import type { ServerApplication } from './types.ts';

export type ApiFailure =
	| { kind: 'offline' }
	| { kind: 'refused'; status: number; code: string; message: string; paths: string[] };

export type ApiResult<T> = { ok: true; value: T } | ({ ok: false } & ApiFailure);

/** What `GET /api/applications/:id` answers. */
export interface ApplicationStatus {
	id: string;
	state: string;
	reason: string | null;
	account: {
		accountNumber: string;
		accountClass: string;
		dailyOutflowLimitFen: number;
		yearlyOutflowLimitFen: number;
	} | null;
	notices: { kind: string; message: string; createdAt: string }[];
}

export interface SubmitAnswer {
	id: string;
	state: string;
	registry: string;
	risk: string;
	reason?: string;
}

async function call<T>(
	path: string,
	init: RequestInit,
	fetcher: typeof fetch
): Promise<ApiResult<T>> {
	let res: Response;
	try {
		res = await fetcher(path, init);
	} catch {
		return { ok: false, kind: 'offline' };
	}
	const body = (await res.json().catch(() => null)) as unknown;
	if (res.ok) return { ok: true, value: body as T };
	// 502–504 come from proxies and captive portals: the request did not reach us, retry later.
	if (res.status >= 502 && res.status <= 504) return { ok: false, kind: 'offline' };
	const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)
		?.error;
	const details = Array.isArray(err?.details) ? (err.details as { path?: unknown }[]) : [];
	return {
		ok: false,
		kind: 'refused',
		status: res.status,
		code: err?.code ?? 'internal',
		message: err?.message ?? `HTTP ${res.status}`,
		paths: details.map((d) => String(d.path ?? '')).filter(Boolean)
	};
}

const json = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** `POST /api/applications`: a new draft and its capability token (shown once). */
export function createApplication(
	fetcher: typeof fetch = fetch
): Promise<ApiResult<ServerApplication>> {
	return call('/api/applications', { method: 'POST', headers: json, body: '{}' }, fetcher);
}

/** `POST /api/applications/:id/submit`; a replay with the same key returns the first answer. */
export function submitApplication(
	app: ServerApplication,
	key: string,
	body: Submission,
	fetcher: typeof fetch = fetch
): Promise<ApiResult<SubmitAnswer>> {
	return call(
		`/api/applications/${encodeURIComponent(app.id)}/submit`,
		{
			method: 'POST',
			headers: { ...json, ...bearer(app.token), 'idempotency-key': key },
			body: JSON.stringify(body)
		},
		fetcher
	);
}

/** `GET /api/applications/:id`: state, reason, account and notices. */
export function fetchStatus(
	app: ServerApplication,
	fetcher: typeof fetch = fetch
): Promise<ApiResult<ApplicationStatus>> {
	return call(
		`/api/applications/${encodeURIComponent(app.id)}`,
		{ headers: bearer(app.token), cache: 'no-store' },
		fetcher
	);
}
