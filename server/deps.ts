/** What the server-core routes need, built once by `createApp` (tests inject their own parts). */
import type { PiiCipher } from './security/pii.ts';
import type { FaceComparator } from './registry/face.ts';
import type { RegistryAdapter } from './registry/types.ts';
import type { Storage } from './storage/index.ts';
import type { FailureThrottle } from './auth/throttle.ts';
import type { BlobStore } from './intake/blob-store.ts';
import type { SignallingAuthority } from './signalling/authority.ts';
import type { WitnessDeps } from './bookings/deps.ts';
import type { JobDrainer } from './jobs/drainer.ts';
import type { FormPdfRenderer } from './applications/form-pdf-renderer.ts';

export interface CoreDeps {
	storage: Storage;
	cipher: PiiCipher;
	registry: RegistryAdapter;
	/** Compares a live photo with a registry portrait; absent until the ONNX embedding lands. */
	faceComparator?: FaceComparator | undefined;
	/** Uploaded photos/recordings (`server/intake/`), for routes that stream them to staff. */
	blobs?: BlobStore | undefined;
	/** Verifies call credentials carried by recording segments (the signalling's authority). */
	callAuthority?: SignallingAuthority | undefined;
	now: () => Date;
	/** Failed logins per username and per client address (store-backed by default). */
	loginThrottle: FailureThrottle;
	/** Applications started per client address (the public endpoint must not be a free DB writer). */
	createThrottle: FailureThrottle;
	/** Lifetime of a customer capability token. */
	capabilityTtlMs: number;
	/** Lifetime of a staff session. */
	sessionTtlMs: number;
	/** Structured log sink (one JSON object per line, never PII). */
	log: (entry: Record<string, unknown>) => void;
	/** Witness bookings: credential issuer, notification channels, limits (`server/bookings/`). */
	witness?: Partial<WitnessDeps> | undefined;
	/**
	 * The job table's drainer (`server/jobs/`): routes queue work and wake it. `server/index.ts`
	 * starts it; tests leave it stopped and call `drain()`.
	 */
	jobs: JobDrainer;
	/**
	 * Renders the submission's form PDF for its job: a worker thread in `server/index.ts`, the
	 * calling thread by default (tests, CLIs).
	 */
	formPdf: FormPdfRenderer;
}
