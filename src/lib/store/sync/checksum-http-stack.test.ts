import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';
import { withChecksums } from './checksum-http-stack.ts';

/** A stack that records the headers each request was sent with. */
function recording(): {
	stack: HttpStack;
	sent: { method: string; headers: Map<string, string> }[];
} {
	const sent: { method: string; headers: Map<string, string> }[] = [];
	const stack: HttpStack = {
		getName: () => 'rec',
		createRequest(method, url): HttpRequest {
			const headers = new Map<string, string>();
			return {
				getMethod: () => method,
				getURL: () => url,
				setHeader: (h, v) => void headers.set(h, v),
				getHeader: (h) => headers.get(h),
				setProgressHandler: () => undefined,
				send: async () => {
					sent.push({ method, headers });
					return {} as HttpResponse;
				},
				abort: async () => undefined,
				getUnderlyingObject: () => null
			};
		}
	};
	return { stack, sent };
}

describe('withChecksums', () => {
	it('sends the sha256 of each PATCH chunk as Upload-Checksum, nothing on other requests', async () => {
		const { stack, sent } = recording();
		const wrapped = withChecksums(stack);
		const chunk = new Uint8Array([1, 2, 3, 250]);
		await wrapped.createRequest('PATCH', '/u/1').send(new Blob([chunk]));
		await wrapped.createRequest('POST', '/u').send(null);
		const expected = createHash('sha256').update(chunk).digest('base64');
		expect(sent[0]?.headers.get('Upload-Checksum')).toBe(`sha256 ${expected}`);
		expect(sent[1]?.headers.has('Upload-Checksum')).toBe(false);
		expect(wrapped.getName()).toBe('rec+checksum');
	});
});
