/**
 * The 56 recognised ethnic groups (民族, GB 3304-91 order), named as printed on the ID card: without
 * the 族 suffix ("汉", "蒙古", "维吾尔"), plus normalisation of an OCR'd value.
 */

/** The 56 民族 in GB 3304-91 order. */
export const ETHNICITIES = [
	'汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白',
	'土家', '哈尼', '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西',
	'景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌',
	'普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔',
	'独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺'
] as const; // prettier-ignore

export type Ethnicity = (typeof ETHNICITIES)[number];

const SET: ReadonlySet<string> = new Set(ETHNICITIES);

/** Traditional forms, variant characters and OCR confusions seen for single characters. */
const CHAR_FIXES: Record<string, string> = {
	漢: '汉', 汊: '汉', 汶: '汉', 囘: '回', 囬: '回', 壯: '壮', 滿: '满', 彜: '彝', 畬: '畲',
	維: '维', 爾: '尔', 鮮: '鲜', 納: '纳', 頗: '颇', 達: '达', 錫: '锡', 溫: '温', 倫: '伦',
	鄉: '乡', 東: '东', 門: '门', 薩: '萨', 烏: '乌', 別: '别', 羅: '罗', 獨: '独', 龍: '龙'
}; // prettier-ignore

/** True when `name` is exactly one of the 56 names. */
export function isEthnicity(name: string): name is Ethnicity {
	return SET.has(name);
}

/**
 * Maps an OCR'd 民族 value to one of the 56 names, or `undefined` when it is not confidently one.
 * Strips spaces, a `民族` label and a `族` suffix, fixes variant characters, and for names of two or
 * more characters accepts one wrong character when exactly one name fits (unless `fuzzy: false`).
 * @example normaliseEthnicity('漢族') // '汉'; normaliseEthnicity('维吾示') // '维吾尔'
 */
export function normaliseEthnicity(
	text: string,
	options: { fuzzy?: boolean } = {}
): Ethnicity | undefined {
	let s = text.replace(/[\s\u3000:：]/g, '').replace(/^民族/, '');
	s = [...s].map((c) => CHAR_FIXES[c] ?? c).join('');
	if (s.length > 1) s = s.replace(/族$/, '');
	if (isEthnicity(s)) return s;
	if (s.length < 2 || options.fuzzy === false) return undefined;
	const near = ETHNICITIES.filter((e) => e.length === s.length && hamming(e, s) === 1);
	return near.length === 1 ? near[0] : undefined;
}

function hamming(a: string, b: string): number {
	let d = 0;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
	return d;
}
