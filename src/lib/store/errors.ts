/** Why a device-storage operation failed; each code has a bilingual message a user can act on. */
export type StoreErrorCode =
	'quota_exceeded' | 'storage_unavailable' | 'decrypt_failed' | 'not_found' | 'not_final';

const MESSAGES: Record<StoreErrorCode, { zh: string; en: string }> = {
	quota_exceeded: {
		zh: '设备存储空间不足，本次内容未保存。已排队的资料完好无损。请先联网同步或清理空间后重试。',
		en: 'This device is out of storage, so this item was not saved. Everything already queued is safe. Sync or free up space, then try again.'
	},
	storage_unavailable: {
		zh: '浏览器存储不可用（可能处于无痕模式）。请使用普通模式打开。',
		en: 'Browser storage is unavailable (private mode?). Open the app in a normal window.'
	},
	decrypt_failed: {
		zh: '本地资料无法解密，可能已损坏。',
		en: 'Local data could not be decrypted; it may be damaged.'
	},
	not_found: { zh: '未找到该记录。', en: 'Record not found.' },
	not_final: {
		zh: '草稿尚未完成，不能提交。',
		en: 'This draft is not complete and cannot be submitted.'
	}
};

/** A typed storage error: switch on `code`; show `zh` / `en` to the user. */
export class StoreError extends Error {
	readonly zh: string;
	readonly en: string;
	constructor(
		readonly code: StoreErrorCode,
		options?: { cause?: unknown }
	) {
		super(`${MESSAGES[code].en} / ${MESSAGES[code].zh}`, options);
		this.name = 'StoreError';
		this.zh = MESSAGES[code].zh;
		this.en = MESSAGES[code].en;
	}
}

/** True when `err` (or a Dexie wrapper's `inner` error) is the browser's quota error. */
export function isQuotaError(err: unknown): boolean {
	for (let e = err, depth = 0; e && depth < 4; depth++) {
		const { name, inner, cause } = e as { name?: unknown; inner?: unknown; cause?: unknown };
		if (name === 'QuotaExceededError') return true;
		e = inner ?? cause;
	}
	return false;
}

/** Runs a write; a quota failure becomes `StoreError('quota_exceeded')`, others pass through. */
export async function guardQuota<T>(write: () => Promise<T>): Promise<T> {
	try {
		return await write();
	} catch (err) {
		if (isQuotaError(err)) throw new StoreError('quota_exceeded', { cause: err });
		throw err;
	}
}
