/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker (Workbox): the app shell is precached at install, so the app opens offline;
 * models and wasm are cached at first use (CacheFirst) in a cache named after the model
 * manifest's version, so a new manifest means new files and the old cache is dropped.
 *
 * Cross-origin isolation survives the cache: cached responses keep their COOP/COEP/CORP and CSP
 * headers, so a page served from here is still `crossOriginIsolated`.
 *
 * A new version waits (no automatic skipWaiting): the page shows an update prompt, pauses sync,
 * then posts `SKIP_WAITING` and reloads. Queued records live in IndexedDB and are untouched.
 */
import { build, files, version } from '$service-worker';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import {
	isModelAsset,
	modelCacheName,
	modelPartialCacheName,
	MODEL_CACHE_PREFIX,
	MODEL_CACHED_MESSAGE,
	SYNC_TAG
} from '$lib/offline/constants.ts';
import { drainOutbox } from '$lib/store/sync/background.ts';

const sw = self as unknown as ServiceWorkerGlobalScope;

const shell = [
	...build.map((url) => ({ url, revision: url.includes('/immutable/') ? null : version })),
	...files.filter((url) => !isModelAsset(url)).map((url) => ({ url, revision: version })),
	// The SPA fallback page (adapter-static's index.html), served for every navigation.
	{ url: '/', revision: version }
];

precacheAndRoute(shell);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/'), { denylist: [/^\/api\//] }));
registerRoute(
	// Range requests (a resumed download, model-store.ts) go to the network: a 206 is not cacheable.
	({ url, request }) =>
		request.method === 'GET' && !request.headers.has('range') && isModelAsset(url.pathname),
	new CacheFirst({
		cacheName: modelCacheName(),
		// Pages show what is cached for offline use; tell them when a file was added.
		plugins: [
			{
				cacheDidUpdate: async () => {
					for (const c of await sw.clients.matchAll({ type: 'window' })) {
						c.postMessage({ type: MODEL_CACHED_MESSAGE });
					}
				}
			}
		]
	})
);

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) {
				const current = name === modelCacheName() || name === modelPartialCacheName();
				if (name.startsWith(MODEL_CACHE_PREFIX) && !current) await caches.delete(name);
			}
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

interface SyncEvent extends ExtendableEvent {
	readonly tag: string;
}

// Background Sync (Chromium): the browser fires `sync` when connectivity returns, even with no
// page open. The worker drains the outbox itself (same runner, database and device key as the
// page), tells open pages to refresh, and rejects while records still wait, so the browser
// schedules another attempt.
sw.addEventListener('sync', (event) => {
	const e = event as SyncEvent;
	if (e.tag !== SYNC_TAG) return;
	e.waitUntil(
		(async () => {
			const result = await drainOutbox(sw.location.origin);
			for (const c of await sw.clients.matchAll({ type: 'window' })) {
				c.postMessage({ type: 'sync', ...result });
			}
			if (result.pending > 0) throw new Error(`${result.pending} records still waiting`);
		})()
	);
});

// Witness booking notifications (server/bookings/notify.ts): `{ kind, booking, url }`. The text is
// generic on purpose: a lock screen must not show who is opening an account.
const PUSH_TEXT: Record<string, { zh: string; en: string }> = {
	called: { zh: '坐席已就绪，请加入视频见证', en: 'Your agent is ready: join the video witness' },
	reminder: { zh: '您预约的视频见证即将开始', en: 'Your video witness starts soon' },
	no_agent: {
		zh: '暂无空闲坐席，可改用自助录制',
		en: 'No agent free yet: self-service is available'
	},
	expired: { zh: '视频见证预约已过期', en: 'Your video witness booking expired' }
};

sw.addEventListener('push', (event) => {
	let data: { kind?: string; url?: string } = {};
	try {
		data = (event.data?.json() ?? {}) as typeof data;
	} catch {
		// not ours
	}
	const text = PUSH_TEXT[data.kind ?? ''];
	if (!text) return;
	const url = typeof data.url === 'string' && data.url.startsWith('/witness/') ? data.url : '/';
	event.waitUntil(
		sw.registration.showNotification('开户 Kaihu', {
			body: `${text.zh}\n${text.en}`,
			icon: '/icons/icon-192.png',
			tag: `witness-${data.kind}`,
			data: { url }
		})
	);
});

sw.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const url = new URL(
		(event.notification.data as { url?: string } | null)?.url ?? '/',
		sw.location.origin
	);
	event.waitUntil(
		(async () => {
			// Focus the tab already on that booking (it holds the application key), else open one.
			for (const c of await sw.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
				if (new URL(c.url).pathname === url.pathname) return void (await c.focus());
			}
			await sw.clients.openWindow(url.href);
		})()
	);
});
