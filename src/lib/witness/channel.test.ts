import { describe, expect, it } from 'vitest';
import { parseChannelMessage } from './channel.ts';

describe('call data channel', () => {
	it('accepts known commands and acks only', () => {
		expect(parseChannelMessage({ t: 'command', id: 'c1', command: 'show_id' })).toEqual({
			t: 'command',
			id: 'c1',
			command: 'show_id'
		});
		expect(parseChannelMessage({ t: 'ack', id: 'c1' })).toEqual({ t: 'ack', id: 'c1' });
		expect(parseChannelMessage({ t: 'command', id: 'c1', command: 'transfer_money' })).toBeNull();
		expect(parseChannelMessage('<script>')).toBeNull();
		expect(parseChannelMessage({ t: 'ack', id: 'x'.repeat(41) })).toBeNull();
	});
});
