/**
 * One fuzzed request for an operation: a caller (anonymous, a customer with its own or another
 * application's token, staff of each role, forged credentials), path parameters, query, headers
 * and a body — schema-shaped, mutated, hostile or malformed — all drawn from a seeded {@link Prng}.
 */
import { gzipSync } from 'node:zlib';
import { HOSTILE_STRINGS, HOSTILE_VALUES, PATH_TRAVERSAL } from './corpus.ts';
import type { Operation } from './operations.ts';
import type { Prng } from './prng.ts';
import type { StaffRole, Target } from './target.ts';
import { mutate, validish } from './values.ts';

export type Caller = 'anonymous' | 'customer' | 'customer_other' | StaffRole | 'forged';

export interface FuzzRequest {
	caller: Caller;
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: string | Uint8Array;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** `encodeURIComponent`, except a lone surrogate becomes an invalid escape (a probe of its own). */
function enc(s: string): string {
	try {
		return encodeURIComponent(s);
	} catch {
		return '%ED%A0%80%';
	}
}

/** Liveness evidence file names (`{file}` of the evidence route) besides stored file ids. */
const EVIDENCE_FILES = ['live_photo', 'frames', 'video', 'live_photo.jpg'];

/**
 * Values a path parameter names in the target: real rows of that kind (and of other kinds, which
 * must be refused as such). Every path parameter of the OpenAPI document has an entry.
 */
export function knownPathValues(t: Target, name: string, own: string): string[] {
	const or = (xs: string[], fallback: string) => (xs.length ? xs : [fallback]);
	switch (name) {
		case 'id':
			return [own, ...t.apps.map((a) => a.id), ...t.ids.bookings, ...t.ids.robotSessions];
		case 'booking':
			return or(t.ids.bookings, own);
		case 'fileId':
			return or(t.ids.files, 'live_photo');
		case 'file':
			return [...t.ids.files, ...EVIDENCE_FILES];
		case 'nonce':
			return or(t.ids.nonces, own);
		case 'sessionId':
			return or(t.ids.robotSessions, own);
		case 'questionId':
			return or(t.ids.questions, 'purpose');
		case 'sha256':
			return ['0'.repeat(64)];
		case 'upload':
			return ['0'.repeat(32)];
		default:
			return [own];
	}
}

/** Values no route should take for any parameter (each must be refused with a 4xx). */
export const BAD_PATH_VALUES: readonly string[] = [
	'00000000-0000-4000-8000-000000000000',
	'0',
	'-1',
	'a'.repeat(2000),
	'%00',
	'%ED%A0%80%',
	...PATH_TRAVERSAL.map(enc),
	...HOSTILE_STRINGS.slice(0, 6).map(enc)
].filter((v) => v !== '');

function pathValue(r: Prng, t: Target, name: string, own: string): string {
	const kind = r.weighted({ known: 6, hostile: 2, random: 1, long: 1 });
	if (kind === 'hostile') return enc(r.pick(HOSTILE_STRINGS)) || 'x';
	if (kind === 'random') return r.uuid();
	if (kind === 'long') return 'a'.repeat(r.pick([101, 400, 2000]));
	switch (name) {
		case 'id':
			return r.chance(0.6) ? own : r.pick(knownPathValues(t, name, own));
		case 'sha256':
			return r.chance(0.5) ? '0'.repeat(64) : r.string(64, '0123456789abcdef');
		case 'upload':
			return r.chance(0.5) ? r.string(32, '0123456789abcdef') : r.pick(PATH_TRAVERSAL.map(enc));
		default:
			return r.pick(knownPathValues(t, name, own));
	}
}

function jsonBody(r: Prng, op: Operation): string | Uint8Array | undefined {
	const kind = r.weighted({ shaped: 4, mutated: 4, hostile: 1, malformed: 1, oversized: 0.05 });
	const shaped = () => (op.body ? validish(r, op.body) : {});
	switch (kind) {
		case 'shaped':
			return JSON.stringify(shaped());
		case 'mutated':
			return JSON.stringify(mutate(r, shaped()));
		case 'hostile':
			return JSON.stringify(r.pick([...HOSTILE_VALUES, ...HOSTILE_STRINGS]));
		case 'malformed':
			return r.pick([
				'{',
				'',
				'{"a":',
				'['.repeat(r.pick([100, 5000])),
				'\u0000',
				'{"a":1,"a":2}',
				'1e999',
				r.wildString(r.int(1, 80))
			]);
		default:
			return `{"pad":"${'x'.repeat(1024 * 1024)}"}`;
	}
}

function tusHeaders(r: Prng, op: Operation): Record<string, string> {
	const h: Record<string, string> = {};
	if (r.chance(0.9)) h['tus-resumable'] = r.chance(0.9) ? '1.0.0' : r.pick(['0.2.2', '', 'x']);
	if (op.operationId === 'tus.create') {
		h['upload-length'] = r.pick([
			'0',
			'1',
			'16',
			'-1',
			'1e3',
			'99999999999999',
			'abc',
			String(r.int(1, 4096))
		]);
		const sha = r.chance(0.7) ? r.string(64, '0123456789abcdef') : r.pick(HOSTILE_STRINGS);
		const meta = [`sha256 ${b64(sha)}`];
		if (r.chance(0.6))
			meta.push(`filename ${b64(r.pick([...PATH_TRAVERSAL, ...HOSTILE_STRINGS]))}`);
		if (r.chance(0.3)) meta.push(r.pick(['filetype', 'x y z', '=,=', `filetype ${r.string(5)}`]));
		h['upload-metadata'] = meta.join(',');
		if (r.chance(0.1)) h['upload-defer-length'] = '1';
	}
	if (op.operationId === 'tus.patch') {
		h['upload-offset'] = r.pick(['0', '1', '-1', 'x', '99999999999']);
		h['content-type'] = r.chance(0.8) ? 'application/offset+octet-stream' : 'text/plain';
		if (r.chance(0.3))
			h['upload-checksum'] = r.pick(['sha256 AAAA', 'md5 x', 'sha1', `sha256 ${r.string(44)}`]);
	}
	return h;
}

/** Callers a route admits. */
export function admittedCallers(op: Operation): Caller[] {
	return op.access.kind === 'customer'
		? ['customer']
		: op.access.kind === 'staff'
			? (op.access.roles as Caller[])
			: ['anonymous', 'customer', 'agent'];
}

/**
 * Fixes parts of a drawn request (the seed corpus, `seeds.ts`): the caller (with a right CSRF
 * token and no stray headers), path parameter values, and a JSON body sent as such.
 */
export interface RequestPin {
	caller: Caller;
	params?: Record<string, string>;
	/** A JSON value, sent with `content-type: application/json`. */
	json?: unknown;
	/** The application whose token a customer caller holds (default: drawn). */
	app?: number;
}

/** Draws one request for `op` against `t` (`pin` fixes what a seed request names). */
export function fuzzRequest(r: Prng, op: Operation, t: Target, pin?: RequestPin): FuzzRequest {
	// Most requests come from a caller the route admits (to reach handlers); the rest from anyone.
	const admitted = admittedCallers(op);
	const caller = pin
		? pin.caller
		: r.chance(0.6)
			? r.pick(admitted)
			: r.pick<Caller>([
					'anonymous',
					'customer',
					'customer_other',
					'agent',
					'reviewer',
					'admin',
					'forged'
				]);
	const appIndex = pin?.app ?? r.int(0, t.apps.length - 1);
	const app = t.apps[appIndex]!;
	const other = t.apps[(appIndex + 1) % t.apps.length]!;
	const headers: Record<string, string> = {};
	if (caller === 'customer') headers.authorization = `Bearer ${app.token}`;
	if (caller === 'customer_other') headers.authorization = `Bearer ${other.token}`;
	if (caller === 'agent' || caller === 'reviewer' || caller === 'admin') {
		const s = t.sessions[caller];
		headers.cookie = s.cookie;
		const csrf = pin ? 'right' : r.weighted({ right: 8, missing: 1, wrong: 1 });
		if (csrf === 'right') headers['x-csrf-token'] = s.csrf;
		if (csrf === 'wrong')
			headers['x-csrf-token'] = r.pick(HOSTILE_STRINGS.filter((x) => /^[\x20-\x7e]*$/.test(x)));
	}
	if (caller === 'forged') {
		headers.cookie = `kaihu_session=${r.pick(['ks_' + r.string(43), "' OR 1=1 --", '../'])}`;
		headers.authorization = r.pick([
			'Bearer kh_' + r.string(43),
			'Bearer ',
			'Basic YTpi',
			`Bearer ${app.token}x`
		]);
	}
	if (!pin && r.chance(0.05))
		headers.origin = r.pick(['https://evil.invalid', 'null', 'http://localhost']);
	if (!pin && r.chance(0.05))
		headers['x-forwarded-for'] = r.pick([
			'1.2.3.4',
			"'; DROP TABLE x; --",
			'::1, 10.0.0.1',
			'x'.repeat(300)
		]);
	for (const name of op.headers)
		if (name.toLowerCase() !== 'x-csrf-token' && r.chance(0.8))
			headers[name.toLowerCase()] = r.chance(0.7)
				? `fuzz-${r.string(r.int(8, 40))}`
				: r.pick(HOSTILE_STRINGS.filter((x) => /^[\x20-\x7e]*$/.test(x)));

	let path = op.path;
	for (const p of op.pathParams)
		path = path.replace(`{${p}}`, pin?.params?.[p] ?? pathValue(r, t, p, app.id));
	const query = op.query
		.filter(() => r.chance(0.7))
		.map((q) => {
			const v = r.chance(0.6) ? validish(r, q.schema) : r.pick(HOSTILE_STRINGS);
			return `${enc(q.name)}=${enc(String(v))}`;
		});
	if (!pin && r.chance(0.05))
		query.push(`${r.pick(['__proto__[x]', 'a[]', 'state'])}=${enc(r.pick(HOSTILE_STRINGS))}`);
	if (query.length) path += `?${query.join('&')}`;

	if (op.tus) {
		Object.assign(headers, tusHeaders(r, op));
		const body =
			op.method === 'PATCH' ? new Uint8Array(r.int(0, 64)).fill(r.int(0, 255)) : undefined;
		return { caller, method: op.method, path, headers, body };
	}
	// The fetch API forbids bodies on GET; DELETE gets one now and then.
	if (op.method === 'GET' || (op.method === 'DELETE' && !r.chance(0.05)))
		return { caller, method: op.method, path, headers };
	if (pin && 'json' in pin) {
		headers['content-type'] = 'application/json';
		return { caller, method: op.method, path, headers, body: JSON.stringify(pin.json) };
	}
	let body = jsonBody(r, op);
	headers['content-type'] = r.weighted({
		'application/json': 20,
		'text/plain': 1,
		'application/json; charset=utf-16': 1,
		'multipart/form-data; boundary=x': 1,
		'application/x-www-form-urlencoded': 1
	});
	if (r.chance(0.04) && typeof body === 'string') {
		// A gzip "bomb": the server must not inflate request bodies.
		body = gzipSync(Buffer.from(body + ' '.repeat(r.pick([10, 4 * 1024 * 1024]))));
		headers['content-encoding'] = r.pick(['gzip', 'deflate', 'br']);
	}
	if (r.chance(0.02)) delete headers['content-type'];
	return { caller, method: op.method, path, headers, body };
}
