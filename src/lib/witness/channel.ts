/**
 * Messages on the call's PeerJS data connection: the agent's commands to the customer ("show
 * your ID to the camera", …) and the customer's acknowledgements. Everything received is
 * validated: the other side is a browser we do not control.
 */
import { z } from 'zod';
import { WITNESS_COMMANDS } from '../domain/witness.ts';

export const channelMessageSchema = z.discriminatedUnion('t', [
	z.object({
		t: z.literal('command'),
		id: z.string().min(1).max(40),
		command: z.enum(WITNESS_COMMANDS)
	}),
	z.object({ t: z.literal('ack'), id: z.string().min(1).max(40) })
]);
export type ChannelMessage = z.infer<typeof channelMessageSchema>;

/** The message, or null when `data` is not one of ours. */
export function parseChannelMessage(data: unknown): ChannelMessage | null {
	const r = channelMessageSchema.safeParse(data);
	return r.success ? r.data : null;
}
