/**
 * Typed errors of the staff API client. The server's `{ "error": { "code", "message" } }` shape
 * becomes a {@link StaffApiError} whose `code` callers switch on; `zh` / `en` are what the user sees.
 */
import type { Message } from '$lib/i18n';

/** The server's error codes (server/http/errors.ts) plus `network` when no response arrived. */
export type StaffErrorCode =
	| 'not_found'
	| 'bad_request'
	| 'validation_failed'
	| 'payload_too_large'
	| 'unauthorized'
	| 'forbidden'
	| 'conflict'
	| 'rate_limited'
	| 'internal'
	| 'network';

const MESSAGES: Record<StaffErrorCode, Message> = {
	not_found: { zh: '找不到该记录。', en: 'Not found.' },
	bad_request: { zh: '请求无效。', en: 'The request was not valid.' },
	validation_failed: { zh: '请检查填写的内容。', en: 'Please check what you entered.' },
	payload_too_large: { zh: '内容过大。', en: 'The request was too large.' },
	unauthorized: { zh: '请先登录。', en: 'Please log in.' },
	forbidden: { zh: '您的角色无权执行此操作。', en: 'Your role may not do this.' },
	conflict: { zh: '记录已被更改，请刷新后重试。', en: 'This changed meanwhile; reload and retry.' },
	rate_limited: { zh: '尝试次数过多，请稍后再试。', en: 'Too many attempts; try again later.' },
	internal: { zh: '服务器出错，请稍后再试。', en: 'Server error; try again later.' },
	network: { zh: '无法连接服务器，请检查网络。', en: 'Cannot reach the server; check the network.' }
};

const KNOWN = new Set<string>(Object.keys(MESSAGES));

/** A failed staff API call: HTTP status (0 without a response), stable code, bilingual text. */
export class StaffApiError extends Error implements Message {
	readonly zh: string;
	readonly en: string;
	constructor(
		readonly status: number,
		readonly code: StaffErrorCode,
		/** The server's own message (English / Chinese), for logs and details panels. */
		readonly serverMessage = '',
		/** Seconds from `Retry-After`, when the server sent one. */
		readonly retryAfter?: number
	) {
		super(`${code} (${status})`);
		this.name = 'StaffApiError';
		this.zh = MESSAGES[code].zh;
		this.en = MESSAGES[code].en;
	}
}

/** Maps any server code string to a known {@link StaffErrorCode} (unknown → by status). */
export function toErrorCode(code: unknown, status: number): StaffErrorCode {
	if (typeof code === 'string' && KNOWN.has(code)) return code as StaffErrorCode;
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'not_found';
	if (status === 429) return 'rate_limited';
	return status >= 500 ? 'internal' : 'bad_request';
}
