/**
 * The agent console's calls to `server/bookings/` with the staff session cookie and its CSRF
 * token (read once from `GET /api/auth/me`).
 */
import type { WitnessCommand, WitnessDecision, WitnessQuestion } from '../domain/witness.ts';
import { BookingApiError, type CallCredential } from './booking-api.ts';

export interface StaffMe {
	id: string;
	username: string;
	role: string;
	csrfToken: string;
}

export interface QueueItem {
	id: string;
	applicationId: string;
	kind: string;
	dueAt: string;
	waitingMs: number;
	position: number;
}

export interface AgentQueue {
	available: boolean;
	queue: QueueItem[];
	mine: { id: string; applicationId: string; kind: string; dueAt: string }[];
}

export interface CaseFile {
	booking: { id: string; state: string; kind: string; dueAt: string };
	application: {
		id: string;
		state: string;
		reason: string | null;
		risk: string | null;
		fields: {
			name: string;
			idNumber: string;
			validFrom: string;
			validTo: string | null;
			address: string;
			bankCard: string;
		} | null;
		kyc: Record<string, string> | null;
		registryResult: string | null;
		faceScore: number | null;
		liveness: { nonceBound: boolean };
	};
	files: { id: string; kind: string; createdAt: string }[];
	history: {
		seq: number;
		at: string;
		actor: string;
		action: string;
		detail: Record<string, unknown>;
	}[];
}

export type CallEvent =
	| { kind: 'question'; question: WitnessQuestion; ticked: boolean }
	| { kind: 'command'; command: WitnessCommand }
	| { kind: 'call'; event: 'connected' | 'audio_only' | 'ended' };

/** One staff session's API. Create with {@link agentApi}; `null` when not logged in. */
export class AgentApi {
	constructor(readonly me: StaffMe) {}

	async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
		let res: Response;
		try {
			res = await fetch(path, {
				method,
				credentials: 'same-origin',
				headers: {
					'x-csrf-token': this.me.csrfToken,
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

	setAvailable(available: boolean) {
		return this.#call<{ available: boolean }>('PUT', '/api/staff/agent/availability', {
			available
		});
	}
	queue() {
		return this.#call<AgentQueue>('GET', '/api/staff/bookings');
	}
	claim(bookingId: string) {
		return this.#call<{ id: string; applicationId: string }>(
			'POST',
			`/api/staff/bookings/${bookingId}/claim`
		);
	}
	credential(bookingId: string) {
		return this.#call<CallCredential>('POST', `/api/staff/bookings/${bookingId}/credential`);
	}
	caseFile(bookingId: string) {
		return this.#call<CaseFile>('GET', `/api/staff/bookings/${bookingId}/case`);
	}
	event(bookingId: string, event: CallEvent) {
		return this.#call<{ ok: true }>('POST', `/api/staff/bookings/${bookingId}/events`, event);
	}
	still(bookingId: string, imageBase64: string) {
		return this.#call<{ id: string; sha256: string }>(
			'POST',
			`/api/staff/bookings/${bookingId}/stills`,
			{
				image: imageBase64
			}
		);
	}
	decide(bookingId: string, decision: WitnessDecision, reasons: string[]) {
		return this.#call<{ id: string; state: string }>(
			'POST',
			`/api/staff/bookings/${bookingId}/decision`,
			{
				decision,
				reasons
			}
		);
	}
	/** URL of one case image (the browser sends the session cookie). */
	fileUrl(bookingId: string, fileId: string): string {
		return `/api/staff/bookings/${bookingId}/files/${fileId}`;
	}
}

/** The logged-in agent's API, or null when there is no staff session. */
export async function agentApi(): Promise<AgentApi | null> {
	const res = await fetch('/api/auth/me', { credentials: 'same-origin' });
	if (!res.ok) return null;
	return new AgentApi((await res.json()) as StaffMe);
}
