/**
 * The agent console's calls to `server/bookings/`, through the shared staff client
 * (`$lib/staff`: session cookie, CSRF header, typed bilingual `StaffApiError`s).
 */
import { staffClient, type HttpMethod, type StaffClient } from '$lib/staff';
import type { WitnessCommand, WitnessDecision, WitnessQuestion } from '../domain/witness.ts';
import type { CallCredential } from './booking-api.ts';

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
	/** `label`: `id_front` / `id_back` for ID card sides, `live_photo` / `id_portrait` for faces. */
	files: { id: string; kind: string; label: string | null; createdAt: string }[];
	history: {
		seq: number;
		at: string;
		actor: string;
		action: string;
		detail: Record<string, unknown>;
	}[];
}

/** The application's liveness challenges and their outcomes (`GET /api/staff/applications/:id/liveness`). */
export interface LivenessAttempts {
	attempts: {
		nonce: string;
		steps: { action: string; digits?: string }[];
		issuedAt: string;
		answeredAt: string | null;
		outcome: string | null;
		reason: string | null;
	}[];
	status: { passed: boolean; failures: number; maxFailures: number; manualReview: boolean };
}

export type CallEvent =
	| { kind: 'question'; question: WitnessQuestion; ticked: boolean }
	| { kind: 'command'; command: WitnessCommand }
	| { kind: 'call'; event: 'connected' | 'audio_only' | 'ended' };

/** The booking API as the logged-in agent. */
export class AgentApi {
	constructor(private readonly client: StaffClient = staffClient) {}

	#call<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
		return this.client.request<T>(method, path, body);
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
	liveness(applicationId: string) {
		return this.#call<LivenessAttempts>('GET', `/api/staff/applications/${applicationId}/liveness`);
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
