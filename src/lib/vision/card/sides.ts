/** The three things a customer photographs, in the order the flow asks for them. */
export type CardSide = 'id-front' | 'id-back' | 'bank';

export const SIDES: readonly CardSide[] = ['id-front', 'id-back', 'bank'];

export const SIDE_TEXT: Record<
	CardSide,
	{ zh: string; en: string; hintZh: string; hintEn: string }
> = {
	'id-front': {
		zh: '身份证人像面',
		en: 'ID card — photo side',
		hintZh: '请拍摄带有头像的一面',
		hintEn: 'Show the side with your photo'
	},
	'id-back': {
		zh: '身份证国徽面',
		en: 'ID card — emblem side',
		hintZh: '请拍摄带有国徽的一面',
		hintEn: 'Show the side with the national emblem'
	},
	bank: {
		zh: '银行卡',
		en: 'Bank card',
		hintZh: '请拍摄银行卡正面（带卡号的一面）',
		hintEn: 'Show the front of the bank card (with the card number)'
	}
};

export function isCardSide(s: string): s is CardSide {
	return (SIDES as readonly string[]).includes(s);
}

export function nextSide(s: CardSide): CardSide | null {
	return SIDES[SIDES.indexOf(s) + 1] ?? null;
}
