import { describe, expect, it } from 'vitest';
import { limitOpus } from './media.ts';

const OFFER = [
	'v=0',
	'm=audio 9 UDP/TLS/RTP/SAVPF 111 0',
	'a=rtpmap:111 opus/48000/2',
	'a=fmtp:111 minptime=10;useinbandfec=1',
	'a=rtpmap:0 PCMU/8000',
	''
].join('\r\n');

describe('limitOpus', () => {
	it('caps Opus at 32 kbps mono with FEC and DTX, keeping existing parameters', () => {
		const out = limitOpus(OFFER);
		expect(out).toContain(
			'a=fmtp:111 minptime=10;useinbandfec=1;maxaveragebitrate=32000;stereo=0;usedtx=1\r\n'
		);
		expect(out).toContain('a=rtpmap:0 PCMU/8000');
	});

	it('adds an fmtp line when Opus has none, and leaves SDP without Opus alone', () => {
		const bare = OFFER.replace('a=fmtp:111 minptime=10;useinbandfec=1\r\n', '');
		expect(limitOpus(bare, 24)).toContain(
			'a=rtpmap:111 opus/48000/2\r\na=fmtp:111 maxaveragebitrate=24000;stereo=0;useinbandfec=1;usedtx=1'
		);
		const noOpus = 'v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n';
		expect(limitOpus(noOpus)).toBe(noOpus);
	});
});
