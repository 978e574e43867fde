import { DefaultHttpStack, Upload, type HttpStack } from 'tus-js-client';
import { withChecksums } from './checksum-http-stack.ts';
import type { OutboxBlob } from '../db.ts';
import { classifyStatus, missingBlobsOf, SyncError, syncFailure } from './failure.ts';

/** What the runner sends for one record. */
export interface RecordBody {
	id: string;
	idempotencyKey: string;
	kind: string;
	payload: Record<string, unknown>;
	blobs: { sha256: string; bytes: number; type: string }[];
}

export interface UploadHooks {
	signal: AbortSignal;
	/** The tus upload URL is known: persist it so the upload resumes after a reload. */
	onUrl(url: string): void;
	onProgress(bytesSent: number): void;
}

/** The network side of sync; tests and the e2e use the real one against the real server. */
export interface Transport {
	blobExists(sha256: string): Promise<boolean>;
	uploadBlob(data: Blob, blob: OutboxBlob, hooks: UploadHooks): Promise<void>;
	postRecord(body: RecordBody): Promise<void>;
}

export const TUS_CHUNK_BYTES = 4 * 1024 * 1024;

const online = () => globalThis.navigator?.onLine ?? true;

/**
 * Transport over `fetch` and tus-js-client against this origin's API. `httpStack` replaces
 * tus-js-client's XHR stack (the service worker passes a `fetch` one).
 */
export function httpTransport(
	origin = globalThis.location?.origin ?? '',
	httpStack?: HttpStack
): Transport {
	return {
		async blobExists(sha256) {
			const res = await fetch(`${origin}/api/blobs/${sha256}`).catch(() => {
				throw new SyncError(classifyStatus(0, online()));
			});
			return res.ok;
		},

		uploadBlob(data, blob, hooks) {
			return new Promise<void>((resolve, reject) => {
				const upload = new Upload(data, {
					endpoint: `${origin}/api/uploads`,
					// Every chunk carries its sha256 (tus checksum extension); the server verifies it.
					httpStack: withChecksums(httpStack ?? new DefaultHttpStack({})),
					uploadUrl: blob.uploadUrl ?? null,
					chunkSize: TUS_CHUNK_BYTES,
					// The sync rule owns retries and backoff; tus-js-client must not loop on its own.
					retryDelays: null,
					// The resume URL lives in the outbox row, not in localStorage.
					storeFingerprintForResuming: false,
					// No file name: it may hold a customer's name.
					metadata: { sha256: blob.sha256, filetype: blob.type },
					onUploadUrlAvailable: () => {
						if (upload.url) hooks.onUrl(upload.url);
					},
					onProgress: (sent) => hooks.onProgress(sent),
					onSuccess: () => resolve(),
					onError: (err) => {
						const status =
							(
								err as { originalResponse?: { getStatus(): number } | null }
							).originalResponse?.getStatus() ?? 0;
						// The server dropped this unfinished upload (expired by its sweep, 410, or gone, 404):
						// forget its URL and upload the blob again on the next attempt.
						if ((status === 404 || status === 410) && upload.url) {
							reject(new SyncError(syncFailure('blobs_missing'), [blob.sha256]));
							return;
						}
						reject(new SyncError(classifyStatus(status, online())));
					}
				});
				hooks.signal.addEventListener(
					'abort',
					() => {
						void upload.abort();
						reject(new DOMException('aborted', 'AbortError'));
					},
					{ once: true }
				);
				upload.start();
			});
		},

		async postRecord(body) {
			const res = await fetch(`${origin}/api/records`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			}).catch(() => {
				throw new SyncError(classifyStatus(0, online()));
			});
			if (res.ok) return;
			const json: unknown = await res.json().catch(() => undefined);
			throw new SyncError(classifyStatus(res.status, online(), json), missingBlobsOf(json));
		}
	};
}
