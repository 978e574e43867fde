import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { logLine } from '../logging/log.ts';

/** Stable machine-readable error codes of the API. Clients switch on these, never on messages. */
export type ErrorCode =
	| 'not_found'
	| 'bad_request'
	| 'validation_failed'
	| 'payload_too_large'
	| 'unauthorized'
	| 'forbidden'
	| 'conflict'
	| 'rate_limited'
	| 'internal';

/** The one JSON error shape: `{ "error": { "code", "message" } }`. */
export interface ErrorBody {
	error: { code: ErrorCode; message: string; details?: unknown };
}

/** Throw from any handler; `onError` turns it into the error shape. */
export class ApiError extends Error {
	constructor(
		readonly status: ContentfulStatusCode,
		readonly code: ErrorCode,
		message: string,
		readonly details?: unknown
	) {
		super(message);
		this.name = 'ApiError';
	}
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
	return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
	400: 'bad_request',
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
	409: 'conflict',
	413: 'payload_too_large',
	429: 'rate_limited'
};

/** Hono `onError`: known errors keep their status; anything else is a logged 500 without details. */
export function onError(err: Error, c: Context): Response {
	if (err instanceof ApiError) {
		return c.json(errorBody(err.code, err.message, err.details), err.status);
	}
	if (err instanceof HTTPException) {
		const status = err.status as ContentfulStatusCode;
		return c.json(
			errorBody(STATUS_CODES[status] ?? 'bad_request', err.message || 'Bad request'),
			status
		);
	}
	// Log the error type and stack only: request bodies may hold PII and are never logged. The
	// stack's first line is the message, which may quote a value (a driver error): it is redacted.
	logLine({ level: 'error', msg: 'unhandled', name: err.name, stack: err.stack });
	return c.json(errorBody('internal', 'Internal server error / 服务器内部错误'), 500);
}
