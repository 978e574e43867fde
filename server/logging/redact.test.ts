import { afterEach, describe, expect, it, vi } from 'vitest';
import { findPii } from '../../tests/fixtures/privacy/pii-leaks.ts';
import { flushLogs, formatLine, logLine, setLogWriter } from './log.ts';
import { maskNumber, REDACTED, redact, scrubText } from './redact.ts';

const WHO = {
	name: '欧阳建国',
	idNumber: '11010519800101123X',
	phone: '13800138000',
	bankCard: '6228480402564890018',
	address: '北京市东城区测试路1号'
};

describe('log redaction', () => {
	afterEach(() => vi.restoreAllMocks());

	it('replaces the values of PII and secret fields, at any depth', () => {
		expect(
			redact({
				msg: 'x',
				applicant: { name: WHO.name },
				detail: { idNumber: WHO.idNumber, Phone: WHO.phone, bank_card: WHO.bankCard },
				list: [{ address: WHO.address, password: 'hunter2' }],
				status: 200,
				ms: 1732400000000
			})
		).toEqual({
			msg: 'x',
			applicant: REDACTED,
			detail: { idNumber: REDACTED, Phone: REDACTED, bank_card: REDACTED },
			list: [{ address: REDACTED, password: REDACTED }],
			status: 200,
			ms: 1732400000000
		});
	});

	it('masks numbers and Chinese text in every string, keeping at most the last 4 digits', () => {
		expect(maskNumber('13800138000')).toBe('*******8000');
		expect(scrubText(`invalid input syntax: "${WHO.idNumber}"`)).toBe(
			'invalid input syntax: "**************123X"'
		);
		expect(scrubText(`to +86${WHO.phone}, card 6228 4804 0256 4890 018`)).toBe(
			'to *********8000, card ***************0018'
		);
		expect(scrubText(`客户 ${WHO.name} 地址 ${WHO.address}`)).toBe('** **** ** *********1*');
		// Ordinary values survive: ids, hashes, timestamps, sizes.
		const ordinary =
			'id 0a1b2c3d-1101-4051-9800-10112300aaaa sha ab110105198001011 at 2026-11-24T01:02:03.456Z 482133 bytes';
		expect(scrubText(ordinary)).toBe(ordinary);
	});

	it('an error becomes its name and a scrubbed stack', () => {
		const err = new TypeError(`bad card ${WHO.bankCard} of ${WHO.name}`);
		const out = redact({ level: 'error', msg: 'unhandled', err }) as {
			err: { error: string; stack: string };
		};
		expect(out.err.error).toBe('TypeError');
		expect(out.err.stack).toMatch(/^TypeError: bad card \*+0018 of \*{4}\n/);
	});

	it('a log line of a careless call holds none of the identity (the e2e log check agrees)', () => {
		const chunks: [string, string][] = [];
		setLogWriter((chunk, stream) => void chunks.push([chunk, stream]));
		const careless = {
			level: 'info',
			msg: `sms to ${WHO.phone} for ${WHO.name}`,
			to: `+86${WHO.phone}`,
			form: { ...WHO },
			query: `?id=${WHO.idNumber}&card=${WHO.bankCard}`
		};
		logLine(careless);
		expect(chunks).toEqual([]); // batched until the loop turns
		flushLogs();
		setLogWriter(undefined);
		expect(chunks).toEqual([[`${formatLine(careless)}\n`, 'out']]);
		const written = chunks[0]![0];
		expect(findPii(written, WHO)).toEqual([]);
		expect(findPii(JSON.stringify(careless), WHO).length).toBeGreaterThan(5);
	});

	it('errors go to stderr at once, after the lines logged before them', () => {
		const chunks: [string, string][] = [];
		setLogWriter((chunk, stream) => void chunks.push([chunk, stream]));
		logLine({ level: 'info', msg: 'first' });
		logLine({ level: 'info', msg: 'second' });
		logLine({ level: 'error', msg: 'boom' });
		setLogWriter(undefined);
		expect(chunks).toEqual([
			['{"level":"info","msg":"first"}\n{"level":"info","msg":"second"}\n', 'out'],
			['{"level":"error","msg":"boom"}\n', 'err']
		]);
	});

	it('batched lines go out by themselves when the event loop turns', async () => {
		const chunks: string[] = [];
		setLogWriter((chunk) => void chunks.push(chunk));
		logLine({ level: 'info', msg: 'later' });
		await new Promise((r) => setImmediate(r));
		setLogWriter(undefined);
		expect(chunks).toEqual(['{"level":"info","msg":"later"}\n']);
	});
});
