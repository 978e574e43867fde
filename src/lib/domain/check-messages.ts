/** Bilingual (zh-CN, en) messages for the card checks; shown to customers and agents. */

/** A user-facing message in both languages. */
export interface Message {
	zh: string;
	en: string;
}

const FIELD_NAMES: Record<string, Message> = {
	name: { zh: '姓名', en: 'name' },
	sex: { zh: '性别', en: 'sex' },
	ethnicity: { zh: '民族', en: 'ethnicity' },
	birth: { zh: '出生日期', en: 'date of birth' },
	address: { zh: '住址', en: 'address' },
	idNumber: { zh: '公民身份号码', en: 'ID number' },
	authority: { zh: '签发机关', en: 'issuing authority' },
	validFrom: { zh: '有效期起始日期', en: 'start of validity' },
	validTo: { zh: '有效期截止日期', en: 'end of validity' },
	cardNumber: { zh: '银行卡号', en: 'card number' }
};

/** "Could not read: …" or "All fields read". */
export function missingMessage(missing: string[]): Message {
	if (missing.length === 0) return { zh: '所有字段均已识别', en: 'All fields were read' };
	const names = missing.map((f) => FIELD_NAMES[f] ?? { zh: f, en: f });
	return {
		zh: `未能识别：${names.map((n) => n.zh).join('、')}，请重新拍摄`,
		en: `Could not read: ${names.map((n) => n.en).join(', ')}. Please capture the card again`
	};
}

/** Pass/fail messages per check. */
export const MESSAGES = {
	id_format: {
		ok: { zh: '身份号码格式正确', en: 'The ID number has the right format' },
		fail: { zh: '身份号码应为18位（最后一位可为X）', en: 'An ID number has 18 characters (the last may be X)' }
	},
	id_birth_invalid: {
		ok: { zh: '身份号码中的出生日期有效', en: 'The date of birth in the ID number is a real date' },
		fail: { zh: '身份号码中的出生日期不存在或晚于今天', en: 'The date of birth in the ID number does not exist or is in the future' }
	},
	id_checksum: {
		ok: { zh: '身份号码校验位正确', en: 'The ID number check character is correct' },
		fail: { zh: '身份号码校验位错误，请核对号码', en: 'The ID number check character is wrong; please check the number' }
	},
	division_unknown: {
		ok: { zh: '地址码有效', en: 'The address code is valid' },
		fail: { zh: '身份号码前6位不是有效的行政区划代码', en: 'The first six digits are not a valid division code' }
	},
	birth_mismatch: {
		ok: { zh: '出生日期与身份号码一致', en: 'The date of birth matches the ID number' },
		fail: { zh: '出生日期与身份号码不一致', en: 'The date of birth does not match the ID number' }
	},
	sex_mismatch: {
		ok: { zh: '性别与身份号码一致', en: 'The sex matches the ID number' },
		fail: { zh: '性别与身份号码不一致', en: 'The sex does not match the ID number' }
	},
	ethnicity_unknown: {
		ok: { zh: '民族有效', en: 'The ethnicity is one of the 56 recognised groups' },
		fail: { zh: '民族不是56个民族之一', en: 'The ethnicity is not one of the 56 recognised groups' }
	},
	age_not_eligible: {
		ok: { zh: '年龄符合开户要求（18至70周岁）', en: 'Age is within 18 to 70' },
		fail: { zh: '远程开户仅限18至70周岁', en: 'Remote account opening is for ages 18 to 70 only' }
	},
	validity_rule: {
		ok: { zh: '有效期限符合法定期限', en: 'The validity period matches the legal term' },
		fail: { zh: '有效期限与持证人年龄对应的法定期限不符', en: "The validity period does not match the legal term for the holder's age" }
	},
	card_expired: {
		ok: { zh: '身份证在有效期内', en: 'The ID card has not expired' },
		fail: { zh: '身份证已过期，请使用有效证件', en: 'The ID card has expired; please use a valid card' }
	},
	card_not_yet_valid: {
		ok: { zh: '有效期已开始', en: 'The validity period has begun' },
		fail: { zh: '有效期起始日期晚于今天', en: 'The validity period starts in the future' }
	},
	bank_format: {
		ok: { zh: '银行卡号格式正确', en: 'The card number has the right format' },
		fail: { zh: '银行卡号应为15至19位数字', en: 'A card number has 15 to 19 digits' }
	},
	bank_luhn: {
		ok: { zh: '银行卡号校验正确', en: 'The card number passes the Luhn check' },
		fail: { zh: '银行卡号校验错误，请核对卡号', en: 'The card number fails the Luhn check; please check it' }
	},
	bank_bin_unknown: {
		ok: { zh: '已识别发卡行', en: 'The issuing bank is known' },
		fail: { zh: '无法识别发卡行', en: 'The issuing bank is not recognised' }
	},
	bank_length: {
		ok: { zh: '卡号位数与发卡行一致', en: "The number's length matches the issuer" },
		fail: { zh: '卡号位数与该发卡行的卡不符', en: "The number's length does not match this issuer's cards" }
	},
	bank_not_debit: {
		ok: { zh: '借记卡', en: 'A debit card' },
		fail: { zh: '请绑定本人借记卡（不支持信用卡或预付卡）', en: 'Please link your own debit card (credit and prepaid cards are not accepted)' }
	}
} as const satisfies Record<string, { ok: Message; fail: Message }>; // prettier-ignore
