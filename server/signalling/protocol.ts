/**
 * The PeerJS server wire protocol (as spoken by `peers/peerjs-server` and expected by the `peerjs`
 * client): JSON text frames `{ type, src?, dst?, payload? }`. The server sets `src` itself; a
 * client's claimed `src` is ignored.
 */
import { z } from 'zod';

/** Every message type of the protocol, with the same string values as peerjs-server. */
export const MessageType = {
	OPEN: 'OPEN',
	LEAVE: 'LEAVE',
	CANDIDATE: 'CANDIDATE',
	OFFER: 'OFFER',
	ANSWER: 'ANSWER',
	EXPIRE: 'EXPIRE',
	HEARTBEAT: 'HEARTBEAT',
	ID_TAKEN: 'ID-TAKEN',
	ERROR: 'ERROR'
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Types a client may send; everything else is refused. */
export const CLIENT_TYPES = [
	MessageType.HEARTBEAT,
	MessageType.OFFER,
	MessageType.ANSWER,
	MessageType.CANDIDATE,
	MessageType.LEAVE,
	MessageType.EXPIRE
] as const;

/** Types that are routed to another peer (HEARTBEAT only refreshes liveness). */
export type RoutedType = Exclude<(typeof CLIENT_TYPES)[number], 'HEARTBEAT'>;

/** A message as received from a client. `payload` stays opaque: it is relayed, never interpreted. */
export const clientMessageSchema = z.object({
	type: z.enum(CLIENT_TYPES),
	dst: z.string().min(1).max(128).optional(),
	payload: z.unknown().optional()
});
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** A message relayed between peers, with the server-set `src`. */
export interface RoutedMessage {
	type: RoutedType;
	src: string;
	dst: string;
	payload?: unknown;
}

/**
 * ERROR texts. The first four are peerjs-server's own strings (clients may match on them); the
 * rest are this server's closed-mode additions.
 */
export const ServerError = {
	INVALID_KEY: 'Invalid key provided',
	INVALID_TOKEN: 'Invalid token provided',
	INVALID_WS_PARAMETERS: 'No id, token, or key supplied to websocket server',
	CONNECTION_LIMIT_EXCEED: 'Server has reached its concurrent user limit',
	MESSAGE_TOO_LARGE: 'Message too large',
	RATE_LIMITED: 'Rate limit exceeded',
	INVALID_MESSAGE: 'Invalid message',
	UNAVAILABLE: 'Signalling temporarily unavailable'
} as const;
export type ServerError = (typeof ServerError)[keyof typeof ServerError];

/** Serialises a server → client message. */
export function frame(type: MessageType, fields: Record<string, unknown> = {}): string {
	return JSON.stringify({ type, ...fields });
}

/** `{ type: 'ERROR', payload: { msg } }` as peerjs-server sends it. */
export function errorFrame(msg: ServerError): string {
	return frame(MessageType.ERROR, { payload: { msg } });
}
