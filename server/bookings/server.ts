/**
 * The production witness-booking parts, for `server/index.ts` only: credentials from the
 * signalling's own authority, VAPID keys (generated on the first start), development SMS, and
 * the scheduler on an interval.
 *
 * Environment: `KAIHU_PUBLIC_ORIGIN` (absolute links in SMS), `KAIHU_VAPID_SUBJECT`
 * (`mailto:` or `https:` contact for push services), `KAIHU_WEB_PUSH=off` to disable push.
 */
import { coreDeps } from '../api.ts';
import type { CoreDeps } from '../deps.ts';
import type { Signalling } from '../signalling/index.ts';
import type { Storage } from '../storage/index.ts';
import type { WitnessDeps } from './deps.ts';
import { DevSms } from './notify.ts';
import { ensureVapidKeys, WebPushSender } from './push.ts';
import { startBookingScheduler } from './scheduler.ts';
import { logLine } from '../logging/log.ts';

export async function witnessServerDeps(
	storage: Storage,
	core: Partial<CoreDeps>,
	signalling: Signalling,
	env: NodeJS.ProcessEnv = process.env
): Promise<Partial<WitnessDeps>> {
	const log = logLine;
	const deps = coreDeps(storage, core);
	const push = env.KAIHU_WEB_PUSH === 'off' ? null : await ensureVapidKeys(storage.db, deps.cipher);
	const witness: Partial<WitnessDeps> = {
		...(signalling.issuer ? { issuer: signalling.issuer } : {}),
		sms: new DevSms(log),
		push: push ? new WebPushSender(push, env.KAIHU_VAPID_SUBJECT) : null,
		vapidPublicKey: push?.publicKey ?? null,
		origin: env.KAIHU_PUBLIC_ORIGIN ?? ''
	};
	startBookingScheduler({ ...deps, witness });
	return witness;
}
