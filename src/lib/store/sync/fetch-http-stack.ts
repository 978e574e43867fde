import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';

/**
 * A `tus-js-client` HTTP stack on `fetch`, for the service worker (which has no XMLHttpRequest).
 * `fetch` reports no upload progress, so progress advances once per chunk (4 MiB); the page keeps
 * the XHR stack for byte-level progress.
 */
export class FetchHttpStack implements HttpStack {
	createRequest(method: string, url: string): HttpRequest {
		return new FetchRequest(method, url);
	}
	getName(): string {
		return 'FetchHttpStack';
	}
}

class FetchRequest implements HttpRequest {
	private readonly headers = new Headers();
	private readonly abortController = new AbortController();
	private onProgress: (bytesSent: number) => void = () => undefined;

	constructor(
		private readonly method: string,
		private readonly url: string
	) {}

	getMethod(): string {
		return this.method;
	}
	getURL(): string {
		return this.url;
	}
	setHeader(header: string, value: string): void {
		this.headers.set(header, value);
	}
	getHeader(header: string): string | undefined {
		return this.headers.get(header) ?? undefined;
	}
	setProgressHandler(handler: (bytesSent: number) => void): void {
		this.onProgress = handler;
	}

	async send(body: unknown): Promise<HttpResponse> {
		const payload = (body ?? null) as BodyInit | null;
		const res = await fetch(this.url, {
			method: this.method,
			headers: this.headers,
			body: payload,
			signal: this.abortController.signal
		});
		const text = await res.text();
		if (payload instanceof Blob) this.onProgress(payload.size);
		return new FetchResponse(res, text);
	}

	async abort(): Promise<void> {
		this.abortController.abort();
	}

	getUnderlyingObject(): unknown {
		return this.abortController;
	}
}

class FetchResponse implements HttpResponse {
	constructor(
		private readonly res: Response,
		private readonly body: string
	) {}
	getStatus(): number {
		return this.res.status;
	}
	getHeader(header: string): string | undefined {
		return this.res.headers.get(header) ?? undefined;
	}
	getBody(): string {
		return this.body;
	}
	getUnderlyingObject(): unknown {
		return this.res;
	}
}
