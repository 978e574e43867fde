/**
 * Web Push with VAPID. The key pair is generated on the first start and kept in `server_meta`
 * (the private key sealed with the data key), so subscriptions survive restarts.
 */
import webpush from 'web-push';
import type { Kysely } from 'kysely';
import type { PiiCipher } from '../security/pii.ts';
import type { Database } from '../storage/schema.ts';
import { getMeta, setMeta } from '../storage/meta.ts';
import type { PushSender, PushTarget } from './notify.ts';

export interface VapidKeys {
	publicKey: string;
	privateKey: string;
}

const META_KEY = 'vapid_keys';

/** Loads the VAPID keys, generating and persisting them when there are none yet. */
export async function ensureVapidKeys(db: Kysely<Database>, cipher: PiiCipher): Promise<VapidKeys> {
	const stored = await getMeta(db, META_KEY);
	if (stored) return cipher.decryptJson<VapidKeys>(stored);
	const keys = webpush.generateVAPIDKeys();
	await db
		.insertInto('server_meta')
		.values({
			key: META_KEY,
			value: cipher.encryptJson(keys),
			updated_at: new Date().toISOString()
		})
		.onConflict((oc) => oc.column('key').doNothing())
		.execute();
	// A concurrent first start may have won: everyone uses the stored pair.
	const winner = await getMeta(db, META_KEY);
	if (!winner) await setMeta(db, META_KEY, cipher.encryptJson(keys));
	return winner ? cipher.decryptJson<VapidKeys>(winner) : keys;
}

/** Sends through the push services with `web-push` (the only network call besides storage). */
export class WebPushSender implements PushSender {
	constructor(
		private readonly keys: VapidKeys,
		private readonly subject = 'mailto:witness@kaihu.invalid'
	) {}

	async send(target: PushTarget, payload: string): Promise<'sent' | 'gone'> {
		try {
			await webpush.sendNotification(target, payload, {
				TTL: 600,
				vapidDetails: { subject: this.subject, ...this.keys }
			});
			return 'sent';
		} catch (err) {
			const status = (err as { statusCode?: number }).statusCode;
			if (status === 404 || status === 410) return 'gone';
			throw err;
		}
	}
}
