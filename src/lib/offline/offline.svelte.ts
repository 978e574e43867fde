import { MODEL_CACHED_MESSAGE } from './constants.ts';
import { cachedModelBytes, downloadModels, type ModelProgress } from './models.ts';

export type ShellState = 'unsupported' | 'installing' | 'ready';

/**
 * The page's view of offline readiness: the service worker's shell cache, the model cache, and
 * a waiting update. One instance per page ({@link offline}).
 */
class OfflineState {
	shell: ShellState = $state('installing');
	models: ModelProgress = $state({ doneBytes: 0, totalBytes: 1 });
	downloading = $state(false);
	downloadError = $state(false);
	updateReady = $state(false);
	private registration: ServiceWorkerRegistration | undefined;
	private started = false;

	/** Shell and every model file are cached: the whole flow works without a network. */
	get ready(): boolean {
		return this.shell === 'ready' && this.models.doneBytes >= this.models.totalBytes;
	}

	async start(): Promise<void> {
		if (this.started) return;
		this.started = true;
		this.models = await cachedModelBytes().catch(() => this.models);
		const sw = globalThis.navigator?.serviceWorker;
		if (!sw) {
			this.shell = 'unsupported';
			return;
		}
		sw.addEventListener('controllerchange', () => void this.refreshShell());
		// The worker caches a model or wasm file the app fetched (e.g. the OCR worker at first use).
		sw.addEventListener('message', (e: MessageEvent) => {
			if ((e.data as { type?: string } | null)?.type === MODEL_CACHED_MESSAGE) {
				void this.refreshModels();
			}
		});
		const reg = await sw.ready;
		this.registration = reg;
		reg.addEventListener('updatefound', () => {
			const installing = reg.installing;
			installing?.addEventListener('statechange', () => {
				if (installing.state === 'installed' && sw.controller) this.updateReady = true;
			});
		});
		if (reg.waiting && sw.controller) this.updateReady = true;
		await this.refreshShell();
	}

	/** Re-reads the model cache (what is really there, however it got there). */
	async refreshModels(): Promise<void> {
		if (this.downloading) return;
		this.models = await cachedModelBytes().catch(() => this.models);
	}

	private async refreshShell(): Promise<void> {
		const reg = this.registration;
		// Active means install (the precache of the whole shell) completed.
		this.shell = reg?.active ? 'ready' : 'installing';
	}

	/** Downloads models and wasm for offline use, with progress. */
	async download(): Promise<void> {
		if (this.downloading) return;
		this.downloading = true;
		this.downloadError = false;
		try {
			await downloadModels((p) => (this.models = p));
		} catch {
			this.downloadError = true;
		} finally {
			this.downloading = false;
			this.models = await cachedModelBytes().catch(() => this.models);
		}
	}

	/**
	 * Activates the waiting version: `beforeReload` pauses work in flight (sync), then the new
	 * worker takes over and the page reloads. Queued records stay in IndexedDB.
	 */
	async applyUpdate(beforeReload: () => Promise<void>): Promise<void> {
		const waiting = this.registration?.waiting;
		if (!waiting) return;
		await beforeReload();
		navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), {
			once: true
		});
		waiting.postMessage({ type: 'SKIP_WAITING' });
	}
}

export const offline = new OfflineState();
