/**
 * The server's decision reasons (`registry:no_such_number`, `face:low_score`, `kyc:high_risk`,
 * `witness:…`, `processing:…`, or a reviewer's free text) in words the customer understands, zh-CN + en.
 */
import type { Message } from '$lib/i18n';

const KNOWN: Record<string, Message> = {
	'registry:different_person': { zh: '身份信息核验未通过', en: 'The identity check did not match' },
	'registry:no_such_number': {
		zh: '身份证号码未在公民身份信息系统中找到',
		en: 'The ID number was not found in the citizen registry'
	},
	'registry:name_number_mismatch': {
		zh: '姓名与身份证号码不一致',
		en: 'The name does not match the ID number'
	},
	'registry:validity_mismatch': {
		zh: '证件有效期与登记信息不一致',
		en: 'The ID card’s validity dates do not match the registry'
	},
	'registry:no_registry_photo': {
		zh: '登记信息中没有照片，需要人工核对',
		en: 'The registry has no photo: a person checks instead'
	},
	'registry:photo_quality_poor': {
		zh: '照片质量不足，需要人工核对',
		en: 'The photo quality was too poor: a person checks instead'
	},
	'registry:no_face_detected': {
		zh: '照片中未检测到人脸，需要人工核对',
		en: 'No face was found in the photo: a person checks instead'
	},
	'registry:registry_unavailable': {
		zh: '核验系统暂时不可用，转人工审核',
		en: 'The registry was unavailable: passed to manual review'
	},
	'registry:locked_repeated_failures': {
		zh: '多次核验失败，转人工审核',
		en: 'Several failed checks: passed to manual review'
	},
	'face:low_score': {
		zh: '人脸比对相似度不足，转人工审核',
		en: 'The face match was not close enough: passed to manual review'
	},
	'face:no_face': {
		zh: '未能进行人脸比对，转人工审核',
		en: 'No face comparison was possible: passed to manual review'
	},
	'face:poor_quality': {
		zh: '人脸图像质量不足，转人工审核',
		en: 'The face images were too poor: passed to manual review'
	},
	'face:client_score_mismatch': {
		zh: '人脸比对结果需要复核',
		en: 'The face match needs a second look'
	},
	'face:no_server_comparator': {
		zh: '人脸比对需要人工复核',
		en: 'The face match is checked by a person'
	},
	'kyc:high_risk': { zh: '问卷结果需要人工复核', en: 'Your questionnaire answers need a review' }
};

/**
 * @example reasonText('kyc:high_risk').en // 'Your questionnaire answers need a review'
 * @example reasonText('证件照片模糊').zh // '证件照片模糊' (a reviewer's own words pass through)
 */
export function reasonText(reason: string): Message {
	const known = KNOWN[reason];
	if (known) return known;
	if (reason.startsWith('processing:')) {
		// The server's checks after the submission (form PDF, face re-check) kept failing.
		const code = reason.slice('processing:'.length);
		return {
			zh: `申请材料处理未完成（${code}），转人工审核`,
			en: `Processing the application did not finish (${code}): passed to manual review`
		};
	}
	if (reason.startsWith('witness:')) {
		const detail = reason.slice('witness:'.length);
		return {
			zh: `视频见证未完成：${detail}`,
			en: `The video witness was not completed: ${detail}`
		};
	}
	return { zh: reason, en: reason };
}

/** Yuan from fen, grouped: 1000000 → '10,000'. */
export function yuan(fen: number): string {
	return (fen / 100).toLocaleString('en-US', { maximumFractionDigits: 2 });
}
