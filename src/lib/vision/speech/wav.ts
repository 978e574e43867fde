/**
 * The digits recording as it travels from the device to the server: 16-bit mono PCM at the
 * acoustic model's rate in a minimal RIFF/WAVE container (44-byte header). Both sides decode the
 * same samples, so the server's re-check hears exactly what the device heard. Pure; no DOM.
 */

/** Longest recording accepted (s): 4 digits take about 2–3 s; the client sends the last 4 s of the step. */
export const MAX_VOICE_SECONDS = 4;

/** Typed failure of {@link decodeWav16}. */
export class WavError extends Error {
	override name = 'WavError';
}

/** A WAV file of `pcm` (mono, 16-bit) at `sampleRate`. */
export function encodeWav16(pcm: Int16Array, sampleRate: number): Uint8Array {
	const out = new Uint8Array(44 + pcm.length * 2);
	const v = new DataView(out.buffer);
	const ascii = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0))); // prettier-ignore
	ascii(0, 'RIFF');
	v.setUint32(4, 36 + pcm.length * 2, true);
	ascii(8, 'WAVE');
	ascii(12, 'fmt ');
	v.setUint32(16, 16, true);
	v.setUint16(20, 1, true); // PCM
	v.setUint16(22, 1, true); // mono
	v.setUint32(24, sampleRate, true);
	v.setUint32(28, sampleRate * 2, true);
	v.setUint16(32, 2, true);
	v.setUint16(34, 16, true);
	ascii(36, 'data');
	v.setUint32(40, pcm.length * 2, true);
	for (let i = 0; i < pcm.length; i++) v.setInt16(44 + 2 * i, pcm[i] ?? 0, true);
	return out;
}

/**
 * The samples of a WAV written by {@link encodeWav16}: exactly that header shape (PCM, mono,
 * 16-bit, one of `rates`), at most {@link MAX_VOICE_SECONDS}; anything else throws a
 * {@link WavError} (the server answers it as a validation failure).
 */
export function decodeWav16(
	bytes: Uint8Array,
	rates: readonly number[]
): { pcm: Int16Array; sampleRate: number } {
	if (bytes.length < 44) throw new WavError('too short for a WAV header');
	const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
	if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE' || tag(12) !== 'fmt ' || tag(36) !== 'data')
		throw new WavError('not a RIFF/WAVE file');
	if (v.getUint16(20, true) !== 1 || v.getUint16(22, true) !== 1 || v.getUint16(34, true) !== 16)
		throw new WavError('not 16-bit mono PCM');
	const sampleRate = v.getUint32(24, true);
	if (!rates.includes(sampleRate)) throw new WavError(`sample rate ${sampleRate} not accepted`);
	const n = v.getUint32(40, true) / 2;
	if (!Number.isInteger(n) || 44 + 2 * n !== bytes.length) throw new WavError('data size wrong');
	if (n > MAX_VOICE_SECONDS * sampleRate) throw new WavError('recording too long');
	const pcm = new Int16Array(n);
	for (let i = 0; i < n; i++) pcm[i] = v.getInt16(44 + 2 * i, true);
	return { pcm, sampleRate };
}
