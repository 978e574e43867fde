import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';

/**
 * Wraps a `tus-js-client` HTTP stack so every PATCH carries `Upload-Checksum: sha256 <base64>` of
 * its chunk (the tus checksum extension; the server answers 460 to a chunk damaged in transit
 * and writes nothing, and the runner resends it from the same offset).
 */
export function withChecksums(inner: HttpStack): HttpStack {
	return {
		createRequest(method, url) {
			return new ChecksumRequest(inner.createRequest(method, url));
		},
		getName() {
			return `${inner.getName()}+checksum`;
		}
	};
}

class ChecksumRequest implements HttpRequest {
	constructor(private readonly inner: HttpRequest) {}

	getMethod(): string {
		return this.inner.getMethod();
	}
	getURL(): string {
		return this.inner.getURL();
	}
	setHeader(header: string, value: string): void {
		this.inner.setHeader(header, value);
	}
	getHeader(header: string): string | undefined {
		return this.inner.getHeader(header);
	}
	setProgressHandler(handler: (bytesSent: number) => void): void {
		this.inner.setProgressHandler(handler);
	}
	async send(body: unknown): Promise<HttpResponse> {
		if (this.getMethod() === 'PATCH' && body instanceof Blob) {
			const digest = await crypto.subtle.digest('SHA-256', await body.arrayBuffer());
			this.inner.setHeader('Upload-Checksum', `sha256 ${base64(new Uint8Array(digest))}`);
		}
		return this.inner.send(body);
	}
	abort(): Promise<void> {
		return this.inner.abort();
	}
	getUnderlyingObject(): unknown {
		return this.inner.getUnderlyingObject();
	}
}

function base64(bytes: Uint8Array): string {
	let s = '';
	for (const b of bytes) s += String.fromCharCode(b);
	return btoa(s);
}
