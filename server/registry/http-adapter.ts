/**
 * HTTP adapter for a real registry provider. Protocol: `POST <url>` with JSON
 * `{ mode, name, idNumber, validFrom?, validTo?, photo? (base64) }`, answer `{ code, score? }`.
 * Per call: timeout, retries with backoff on network errors/5xx/429; across calls: a circuit
 * breaker that fails fast after consecutive failures and probes again after a cool-down.
 */
import { z } from 'zod';
import {
	RegistryUnavailableError,
	type RegistryAdapter,
	type RegistryQuery,
	type RegistryResult
} from './types.ts';

export interface HttpRegistryOptions {
	url: string;
	/** Sent as `Authorization: Bearer …` when set. */
	apiKey?: string | undefined;
	timeoutMs?: number;
	retries?: number;
	backoffMs?: number;
	/** Consecutive failed calls that open the circuit. */
	failureThreshold?: number;
	/** How long the circuit stays open before one probe call is let through. */
	coolDownMs?: number;
	now?: () => number;
	fetch?: typeof fetch;
}

const answer = z.object({
	code: z.enum([
		'same_person',
		'different_person',
		'no_such_number',
		'name_number_mismatch',
		'validity_mismatch',
		'photo_quality_poor',
		'no_face_detected',
		'no_registry_photo'
	]),
	score: z.number().min(0).max(1).optional()
});

export class HttpRegistry implements RegistryAdapter {
	readonly name = 'http';
	private consecutiveFailures = 0;
	private openedAt: number | null = null;
	private readonly o: Required<Omit<HttpRegistryOptions, 'apiKey'>> & {
		apiKey?: string | undefined;
	};

	constructor(options: HttpRegistryOptions) {
		this.o = {
			timeoutMs: 5000,
			retries: 2,
			backoffMs: 200,
			failureThreshold: 5,
			coolDownMs: 30_000,
			now: Date.now,
			fetch: globalThis.fetch,
			...options
		};
	}

	/** `closed` (normal), `open` (failing fast) or `half_open` (next call probes). */
	get circuit(): 'closed' | 'open' | 'half_open' {
		if (this.openedAt === null) return 'closed';
		return this.o.now() - this.openedAt >= this.o.coolDownMs ? 'half_open' : 'open';
	}

	async verify(q: RegistryQuery): Promise<RegistryResult> {
		if (this.circuit === 'open') throw new RegistryUnavailableError('registry circuit open');
		const body = JSON.stringify({
			mode: q.mode,
			name: q.name,
			idNumber: q.idNumber,
			validFrom: q.validFrom,
			validTo: q.validTo,
			photo: q.photo ? Buffer.from(q.photo).toString('base64') : undefined
		});
		const attempts = this.circuit === 'half_open' ? 1 : this.o.retries + 1;
		let last = 'no attempt';
		for (let i = 0; i < attempts; i++) {
			if (i > 0) await new Promise((r) => setTimeout(r, this.o.backoffMs * 2 ** (i - 1)));
			try {
				const res = await this.o.fetch(this.o.url, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						...(this.o.apiKey ? { authorization: `Bearer ${this.o.apiKey}` } : {})
					},
					body,
					signal: AbortSignal.timeout(this.o.timeoutMs)
				});
				if (res.status >= 500 || res.status === 429) {
					last = `HTTP ${res.status}`;
					continue;
				}
				const parsed = answer.safeParse(res.ok ? await res.json().catch(() => null) : null);
				if (!parsed.success) {
					// A 4xx or a malformed answer will not improve by retrying.
					last = res.ok ? 'malformed answer' : `HTTP ${res.status}`;
					break;
				}
				this.consecutiveFailures = 0;
				this.openedAt = null;
				return parsed.data;
			} catch (err) {
				last = (err as Error).name === 'TimeoutError' ? 'timeout' : 'network error';
			}
		}
		this.consecutiveFailures++;
		if (this.consecutiveFailures >= this.o.failureThreshold || this.openedAt !== null) {
			this.openedAt = this.o.now();
		}
		throw new RegistryUnavailableError(`registry unavailable: ${last}`);
	}
}
