/**
 * The server's one log writer: a JSON line per entry, redacted (`./redact.ts`), on stdout
 * (stderr for `level: 'error'`). Every server module logs through it or through a `log` it was
 * handed that ends here.
 *
 * @example
 * logLine({ level: 'info', msg: 'retention purge', days: 90, files: 3 });
 */
import { redact } from './redact.ts';

export type LogEntry = Record<string, unknown>;

/** The JSON text of a redacted entry (what {@link logLine} writes). */
export function formatLine(entry: LogEntry): string {
	return JSON.stringify(redact(entry));
}

export function logLine(entry: LogEntry): void {
	const line = formatLine(entry);
	if (entry.level === 'error') console.error(line);
	else console.log(line);
}
