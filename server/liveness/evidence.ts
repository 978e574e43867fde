/** The attempt's evidence files: decoded, type-checked by magic bytes, size-limited. */
import { ApiError } from '../http/errors.ts';
import { checkImage, PHOTO_LIMITS } from '../http/image-check.ts';
import { MAX_CLIP_BYTES, MAX_FRAME_BYTES } from './schemas.ts';

export interface Evidence {
	frame?: Buffer;
	clip?: { bytes: Buffer; type: 'video/webm' | 'video/mp4' };
}

const EBML = [0x1a, 0x45, 0xdf, 0xa3];

const startsWith = (b: Buffer, magic: number[], at = 0) => magic.every((m, i) => b[at + i] === m);

function invalid(path: string, message: string): ApiError {
	return new ApiError(400, 'validation_failed', message, [{ path, message }]);
}

export function decodeEvidence(frameJpeg?: string, clip?: string): Evidence {
	const out: Evidence = {};
	if (frameJpeg !== undefined) {
		const bytes = Buffer.from(frameJpeg, 'base64');
		if (bytes.length > MAX_FRAME_BYTES) throw invalid('frameJpeg', 'Frame too large / 图像过大');
		if (!checkImage(bytes, { ...PHOTO_LIMITS, accept: ['jpeg'] }).ok)
			throw invalid('frameJpeg', 'Frame must be a whole JPEG / 图像须为完整的 JPEG');
		out.frame = bytes;
	}
	if (clip !== undefined) {
		const bytes = Buffer.from(clip, 'base64');
		if (bytes.length > MAX_CLIP_BYTES) throw invalid('clip', 'Clip too large / 视频过大');
		const type = startsWith(bytes, EBML)
			? 'video/webm'
			: bytes.subarray(4, 8).toString('latin1') === 'ftyp'
				? 'video/mp4'
				: undefined;
		if (!type) throw invalid('clip', 'Clip must be WebM or MP4 / 视频须为 WebM 或 MP4');
		out.clip = { bytes, type };
	}
	return out;
}
