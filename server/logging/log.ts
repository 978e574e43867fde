/**
 * The server's one log writer: a JSON line per entry, redacted (`./redact.ts`), on stdout
 * (stderr for `level: 'error'`). Every server module logs through it or through a `log` it was
 * handed that ends here.
 *
 * Lines are batched: each request used to pay a synchronous `console.log` (stdout is a pipe or a
 * file, both written synchronously by Node on Linux), about 14 % of a `POST /api/records`. Lines
 * now collect in memory and go out in one write when the event loop next turns (or at 64 KiB),
 * and whatever is pending is written synchronously when the process exits. An error line first
 * flushes what is pending, so the order of lines is kept.
 *
 * @example
 * logLine({ level: 'info', msg: 'retention purge', days: 90, files: 3 });
 */
import { writeSync } from 'node:fs';
import { redact } from './redact.ts';

export type LogEntry = Record<string, unknown>;

/** Where batched text goes: `out` is stdout's, `err` stderr's (tests capture it). */
export type LogWriter = (chunk: string, stream: 'out' | 'err') => void;

const FLUSH_BYTES = 64 * 1024;

const processWriter: LogWriter = (chunk, stream) => {
	if (stream === 'out') process.stdout.write(chunk);
	else process.stderr.write(chunk);
};

let writer: LogWriter = processWriter;
let pending = '';
let scheduled = false;
let exitHooked = false;

/** The JSON text of a redacted entry (what {@link logLine} writes). */
export function formatLine(entry: LogEntry): string {
	return JSON.stringify(redact(entry));
}

/** Writes what is pending now (tests call it; the process does on exit and every loop turn). */
export function flushLogs(): void {
	if (!pending) return;
	const chunk = pending;
	pending = '';
	writer(chunk, 'out');
}

function flushSync(): void {
	if (!pending) return;
	const chunk = pending;
	pending = '';
	// At exit there is no next turn of the loop for an asynchronous stream write to finish in.
	if (writer === processWriter) writeSync(1, chunk);
	else writer(chunk, 'out');
}

/**
 * Sends log text to `w` instead of stdout/stderr (flushing what is pending first); `undefined`
 * restores the process streams. For tests.
 */
export function setLogWriter(w: LogWriter | undefined): void {
	flushLogs();
	writer = w ?? processWriter;
}

export function logLine(entry: LogEntry): void {
	const line = formatLine(entry);
	if (entry.level === 'error') {
		flushLogs();
		writer(`${line}\n`, 'err');
		return;
	}
	pending += `${line}\n`;
	if (pending.length >= FLUSH_BYTES) flushLogs();
	else if (!scheduled) {
		scheduled = true;
		setImmediate(() => {
			scheduled = false;
			flushLogs();
		});
	}
	if (!exitHooked) {
		exitHooked = true;
		process.once('exit', flushSync);
	}
}
