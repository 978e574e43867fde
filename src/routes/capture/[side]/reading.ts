import { readCard, type CardFields, type CardReading } from '$lib/domain/read-card.ts';
import type { Pixels } from '$lib/vision/card/protocol.ts';
import { OcrClient } from '$lib/vision/ocr/client.ts';

let client: OcrClient | undefined;

/** The OCR worker, shared by the capture steps and warmed up when the first one opens. */
export function ocrClient(): OcrClient {
	client ??= new OcrClient();
	return client;
}

/** Reads a rectified card with the OCR worker and the shared domain rules. */
export async function readCapturedCard(p: Pixels): Promise<CardReading & { ms: number }> {
	const image = new ImageData(new Uint8ClampedArray(p.data), p.width, p.height);
	const { lines, timings } = await ocrClient().recognise(image);
	return { ...readCard(lines, new Date()), ms: timings.total };
}

/** Field labels in both languages, in the order a card prints them. */
export const FIELD_LABELS: Record<keyof CardFields, { zh: string; en: string }> = {
	name: { zh: '姓名', en: 'Name' },
	sex: { zh: '性别', en: 'Sex' },
	ethnicity: { zh: '民族', en: 'Ethnicity' },
	birth: { zh: '出生', en: 'Date of birth' },
	address: { zh: '住址', en: 'Address' },
	idNumber: { zh: '公民身份号码', en: 'ID number' },
	authority: { zh: '签发机关', en: 'Issued by' },
	validFrom: { zh: '有效期自', en: 'Valid from' },
	validTo: { zh: '有效期至', en: 'Valid to' },
	cardNumber: { zh: '卡号', en: 'Card number' },
	bank: { zh: '发卡行', en: 'Bank' }
};
