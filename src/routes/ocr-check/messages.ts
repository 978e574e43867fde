import { defineMessages } from '$lib/i18n';

/** Texts of the OCR diagnostics page. */
export const t = defineMessages('ocr-check', {
	zh: {
		title: '文字识别检测',
		intro: '选择一张已裁正的证件照片，查看本机识别出的文字。',
		ready: '模型已就绪 · {{threads}} 线程 · {{ms}} ms',
		loading: '正在加载模型…',
		choose: '选择照片',
		reading: '正在识别…',
		failed: '识别失败：{{reason}}',
		timing: '{{ms}} ms（检测 {{det}} ms · 识别 {{rec}} ms · {{strips}} 行）',
		kind: '卡片类型：{{kind}}'
	},
	en: {
		title: 'OCR check',
		intro: 'Choose a photo of a straightened card to see what this device reads.',
		ready: 'Models ready · {{threads}} thread(s) · {{ms}} ms',
		loading: 'Loading models…',
		choose: 'Choose photo',
		reading: 'Reading…',
		failed: 'Recognition failed: {{reason}}',
		timing: '{{ms}} ms (detection {{det}} ms · recognition {{rec}} ms · {{strips}} lines)',
		kind: 'Card: {{kind}}'
	}
});
