/** Texts of the capture pages (`$lib/i18n` namespace `capture`). */
import { defineMessages } from '$lib/i18n';
import type { CardFields } from '$lib/domain/read-card.ts';

export const t = defineMessages('capture', {
	zh: {
		title: '证件拍摄',
		capture: '拍摄',
		retake: '重拍',
		use_photo: '使用此照片',
		ocr_failed: '文字识别暂时无法使用，照片已保留，工作人员会人工核对。',
		reading: '正在识别文字…',
		unreadable: '未能识别卡片上的文字。请在光线充足处重拍，让卡片填满取景框。',
		wrong_side: '这是{{shown}}，请拍摄{{wanted}}。',
		scanner_failed: '自动识别无法启动。请点击“拍照”或从相册上传照片。',
		starting: '正在启动识别…',
		shutter: '拍照',
		upload: '从相册上传',
		import_no_card: '照片中没有找到卡片。请把整张卡片平放在深色桌面上，拍清楚四个角后再上传。',
		field_name: '姓名',
		field_sex: '性别',
		field_ethnicity: '民族',
		field_birth: '出生',
		field_address: '住址',
		field_idNumber: '公民身份号码',
		field_authority: '签发机关',
		field_validFrom: '有效期自',
		field_validTo: '有效期至',
		field_cardNumber: '卡号',
		field_bank: '发卡行'
	},
	en: {
		title: 'Card photos',
		capture: 'Capture',
		retake: 'Retake',
		use_photo: 'Use this photo',
		ocr_failed:
			'Text recognition is unavailable right now; the photo is kept and staff will check it by hand.',
		reading: 'Reading the card…',
		unreadable:
			'The text on the card could not be read. Retake it in good light with the card filling the frame.',
		wrong_side: 'This is the {{shown}}; please photograph the {{wanted}}.',
		scanner_failed:
			'Automatic scanning could not start. Use “Take photo” or upload a photo instead.',
		starting: 'Starting the scanner…',
		shutter: 'Take photo',
		upload: 'Upload a photo',
		import_no_card:
			'No card was found in this photo. Lay the whole card on a dark surface, make sure all four corners are visible, and upload again.',
		field_name: 'Name',
		field_sex: 'Sex',
		field_ethnicity: 'Ethnicity',
		field_birth: 'Date of birth',
		field_address: 'Address',
		field_idNumber: 'ID number',
		field_authority: 'Issued by',
		field_validFrom: 'Valid from',
		field_validTo: 'Valid to',
		field_cardNumber: 'Card number',
		field_bank: 'Bank'
	}
});

/** Every field a card can carry, in the order a card prints them. */
export const FIELD_ORDER: readonly (keyof CardFields)[] = [
	'name',
	'sex',
	'ethnicity',
	'birth',
	'address',
	'idNumber',
	'authority',
	'validFrom',
	'validTo',
	'cardNumber',
	'bank'
];

/** A field's label in the current language. */
export const fieldLabel = (key: keyof CardFields): string => t(`field_${key}`);
