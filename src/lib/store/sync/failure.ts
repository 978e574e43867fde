/** Why an outbox record did not reach the server, and whether waiting will help. */
export type SyncFailureCode =
	| 'offline'
	| 'server_unavailable'
	| 'upload_interrupted'
	| 'checksum_mismatch'
	| 'conflict'
	| 'rejected'
	| 'sign_in_required'
	| 'blobs_missing';

export interface SyncFailure {
	code: SyncFailureCode;
	retryable: boolean;
	zh: string;
	en: string;
}

const MESSAGES: Record<SyncFailureCode, { retryable: boolean; zh: string; en: string }> = {
	offline: {
		retryable: true,
		zh: '无网络连接，联网后自动发送。',
		en: 'No connection; it will be sent when you are back online.'
	},
	server_unavailable: {
		retryable: true,
		zh: '服务器暂时不可用，稍后自动重试。',
		en: 'The server is unavailable; retrying automatically.'
	},
	upload_interrupted: {
		retryable: true,
		zh: '上传中断，将从中断处继续。',
		en: 'The upload was interrupted; it will resume where it stopped.'
	},
	checksum_mismatch: {
		retryable: true,
		zh: '文件校验失败，将重新上传。',
		en: 'A file arrived damaged; it will be uploaded again.'
	},
	blobs_missing: {
		retryable: true,
		zh: '服务器缺少文件，将重新上传。',
		en: 'The server is missing a file; it will be uploaded again.'
	},
	conflict: {
		retryable: false,
		zh: '服务器已有内容不同的同一记录，需要人工处理。',
		en: 'The server already holds a different version of this record; it needs attention.'
	},
	sign_in_required: {
		retryable: false,
		zh: '需要员工重新登录后才能发送，记录已保留在本机。',
		en: 'A staff member must sign in again to send this; it is kept on this device.'
	},
	rejected: { retryable: false, zh: '服务器拒绝了该记录。', en: 'The server rejected this record.' }
};

/** A failure of the given kind. */
export function syncFailure(code: SyncFailureCode): SyncFailure {
	return { code, ...MESSAGES[code] };
}

/** Thrown by the transport; carries the classified failure. */
export class SyncError extends Error {
	constructor(
		readonly failure: SyncFailure,
		readonly missingBlobs: readonly string[] = []
	) {
		super(failure.en);
		this.name = 'SyncError';
	}
}

/**
 * Classifies an HTTP answer to `POST /api/records` or a tus request (`status` 0 = no answer).
 * Pure, so the policy is testable: network trouble and 5xx retry with backoff; a conflict or a
 * validation failure waits for a person, except "files missing", which re-uploads them.
 */
export function classifyStatus(status: number, online: boolean, body?: unknown): SyncFailure {
	if (status === 0) return syncFailure(online ? 'server_unavailable' : 'offline');
	if (status === 460) return syncFailure('checksum_mismatch');
	if (status === 409) return syncFailure('conflict');
	if (status === 401) return syncFailure('sign_in_required');
	if (status === 422 && missingBlobsOf(body).length > 0) return syncFailure('blobs_missing');
	if (status === 408 || status === 423 || status === 429 || status >= 500)
		return syncFailure('server_unavailable');
	return syncFailure('rejected');
}

/** `details.missingBlobs` of the server's error shape, if any. */
export function missingBlobsOf(body: unknown): string[] {
	const list = (body as { error?: { details?: { missingBlobs?: unknown } } } | undefined)?.error
		?.details?.missingBlobs;
	return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}
