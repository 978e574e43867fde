/**
 * Telling the customer about their booking: Web Push to their subscribed devices and an SMS to
 * the phone number of the application. Neither message nor log line carries PII: numbers are
 * masked, messages say only what happened and where to go.
 */
import type { Kysely } from 'kysely';
import type { PiiCipher } from '../security/pii.ts';
import type { Database } from '../storage/schema.ts';
import { maskNumber } from '../logging/redact.ts';

/** What happened to a booking that the customer should hear about. */
export type BookingNotice = 'called' | 'reminder' | 'no_agent' | 'expired';

/** Sends one SMS. Production plugs in a carrier gateway; development logs a masked line. */
export interface SmsAdapter {
	send(to: string, text: string): Promise<void>;
}

/** A Web Push subscription as the browser's `PushSubscription.toJSON()` gives it. */
export interface PushTarget {
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

/** Sends one Web Push message; resolves `gone` when the subscription no longer exists. */
export interface PushSender {
	send(target: PushTarget, payload: string): Promise<'sent' | 'gone'>;
}

/**
 * `13800138000` → `*******8000`: a log keeps the last 4 digits at most (the privacy check of the
 * journey e2e counts more than 4 as a leak); anything else keeps its last two characters only.
 */
export function maskPhone(phone: string): string {
	return /^1\d{10}$/.test(phone)
		? maskNumber(phone)
		: `${'*'.repeat(Math.max(0, phone.length - 2))}${phone.slice(-2)}`;
}

/** Development SMS: logs the masked number and the message kind, never the number or text. */
export class DevSms implements SmsAdapter {
	readonly sent: { to: string; text: string }[] = [];
	constructor(private readonly log: (e: Record<string, unknown>) => void) {}
	async send(to: string, text: string): Promise<void> {
		this.sent.push({ to, text });
		this.log({
			level: 'info',
			msg: 'sms (development: not sent)',
			to: maskPhone(to),
			chars: text.length
		});
	}
}

const SMS_TEXT: Record<BookingNotice, string> = {
	called: '【开户】坐席已就绪，请打开链接加入视频见证 Your agent is ready: ',
	reminder: '【开户】您预约的视频见证即将开始 Your video witness starts soon: ',
	no_agent: '【开户】暂无坐席，可改用自助录制 No agent yet; self-service is available: ',
	expired: '【开户】您的视频见证预约已过期，请重新预约 Your booking expired, please book again: '
};

export interface NotifyContext {
	db: Kysely<Database>;
	cipher: PiiCipher;
	sms: SmsAdapter;
	push: PushSender | null;
	/** Absolute origin for links in SMS (e.g. `https://kaihu.example`); relative when unset. */
	origin: string;
	log: (e: Record<string, unknown>) => void;
}

/** Notifies the booking's customer on every channel; failures are logged, never thrown. */
export async function notifyCustomer(
	ctx: NotifyContext,
	booking: { id: string; application_id: string },
	notice: BookingNotice
): Promise<{ push: number; sms: number }> {
	const path = `/witness/${booking.id}`;
	let push = 0;
	let sms = 0;
	if (ctx.push) {
		const subs = await ctx.db
			.selectFrom('push_subscriptions')
			.selectAll()
			.where('application_id', '=', booking.application_id)
			.execute();
		for (const s of subs) {
			try {
				const payload = JSON.stringify({ kind: notice, booking: booking.id, url: path });
				const r = await ctx.push.send({ endpoint: s.endpoint, keys: s }, payload);
				if (r === 'gone')
					await ctx.db.deleteFrom('push_subscriptions').where('id', '=', s.id).execute();
				else push++;
			} catch (err) {
				ctx.log({
					level: 'warn',
					msg: 'push failed',
					booking: booking.id,
					error: (err as Error).name
				});
			}
		}
	}
	const app = await ctx.db
		.selectFrom('applications')
		.select('pii')
		.where('id', '=', booking.application_id)
		.executeTakeFirst();
	if (app?.pii) {
		try {
			const { applicant } = ctx.cipher.decryptJson<{ applicant: { phone: string } }>(app.pii);
			await ctx.sms.send(applicant.phone, `${SMS_TEXT[notice]}${ctx.origin}${path}`);
			sms++;
		} catch (err) {
			ctx.log({
				level: 'warn',
				msg: 'sms failed',
				booking: booking.id,
				error: (err as Error).name
			});
		}
	}
	return { push, sms };
}
