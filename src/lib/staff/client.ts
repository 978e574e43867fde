/**
 * The staff side of the API from the browser: `fetch` with the session cookie (HttpOnly, set by the
 * server on login), the CSRF token sent as `X-CSRF-Token` on every state-changing request, and the
 * one error shape turned into {@link StaffApiError}.
 *
 * The CSRF token is kept in memory only: after a reload {@link StaffClient.me} fetches it again.
 *
 * @example
 * ```ts
 * const me = await staffClient.login('reviewer', password);
 * const queue = await staffClient.request<{ items: Item[] }>('GET', '/api/review/queue');
 * await staffClient.request('POST', `/api/applications/${id}/decision`, { decision: 'approve' });
 * ```
 */
import { StaffApiError, toErrorCode } from './errors.ts';

export const STAFF_ROLES = ['agent', 'reviewer', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The logged-in staff member, as `POST /api/auth/login` and `GET /api/auth/me` return it. */
export interface StaffMe {
	id: string;
	username: string;
	role: StaffRole;
	csrfToken: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const CSRF_HEADER = 'X-CSRF-Token';

export class StaffClient {
	#csrf: string | undefined;

	constructor(
		private readonly fetcher: typeof fetch = (...args) => globalThis.fetch(...args),
		private readonly origin = ''
	) {}

	/** Logs in; the server sets the session cookie. Throws `unauthorized` / `rate_limited`. */
	async login(username: string, password: string): Promise<StaffMe> {
		const me = await this.request<StaffMe>('POST', '/api/auth/login', { username, password });
		this.#csrf = me.csrfToken;
		return me;
	}

	/** Ends the session on the server (ignores an already-ended one) and forgets the CSRF token. */
	async logout(): Promise<void> {
		try {
			await this.request('POST', '/api/auth/logout');
		} catch (err) {
			if (!(err instanceof StaffApiError) || err.code !== 'unauthorized') throw err;
		} finally {
			this.#csrf = undefined;
		}
	}

	/** The current staff member, or `null` when not logged in (no or expired session). */
	async me(): Promise<StaffMe | null> {
		try {
			const me = await this.request<StaffMe>('GET', '/api/auth/me');
			this.#csrf = me.csrfToken;
			return me;
		} catch (err) {
			if (err instanceof StaffApiError && err.code === 'unauthorized') {
				this.#csrf = undefined;
				return null;
			}
			throw err;
		}
	}

	/**
	 * One JSON API call as the logged-in staff member. Non-GET requests carry the CSRF token
	 * (fetched with {@link me} first when this page has none yet).
	 */
	async request<T = unknown>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
		const res = await this.send(method, path, body);
		if (res.status === 204) return undefined as T;
		return (await res.json()) as T;
	}

	/** Like {@link request} but returns the raw response (for PDFs, images and recordings). */
	async send(method: HttpMethod, path: string, body?: unknown): Promise<Response> {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (body !== undefined) headers['content-type'] = 'application/json';
		const isLogin = path === '/api/auth/login';
		if (method !== 'GET' && !isLogin) {
			if (!this.#csrf) await this.me();
			if (this.#csrf) headers[CSRF_HEADER] = this.#csrf;
		}
		let res: Response;
		try {
			res = await this.fetcher(this.origin + path, {
				method,
				headers,
				credentials: 'same-origin',
				body: body === undefined ? undefined : JSON.stringify(body)
			});
		} catch {
			throw new StaffApiError(0, 'network');
		}
		if (!res.ok) throw await toError(res);
		return res;
	}
}

async function toError(res: Response): Promise<StaffApiError> {
	let code: unknown;
	let message = '';
	try {
		const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
		code = body.error?.code;
		if (typeof body.error?.message === 'string') message = body.error.message;
	} catch {
		// Not the error shape (a proxy's HTML page): fall back to the status.
	}
	const retry = Number(res.headers.get('retry-after'));
	return new StaffApiError(
		res.status,
		toErrorCode(code, res.status),
		message,
		Number.isFinite(retry) && retry > 0 ? retry : undefined
	);
}

/** The page-wide client (one CSRF token per tab). */
export const staffClient = new StaffClient();
