import { liveQuery } from 'dexie';
import type { OutboxRow } from '../db.ts';
import { db } from '../db.ts';
import { listOutbox } from '../outbox.ts';

/**
 * The outbox as live state for components: updates on every write, from this tab or another.
 * Call in a component's script; it unsubscribes when the component is destroyed.
 */
export function outboxView(): { readonly rows: OutboxRow[] } {
	let rows: OutboxRow[] = $state([]);
	$effect(() => {
		const sub = liveQuery(() => listOutbox(db())).subscribe({ next: (r) => (rows = r) });
		return () => sub.unsubscribe();
	});
	return {
		get rows() {
			return rows;
		}
	};
}
