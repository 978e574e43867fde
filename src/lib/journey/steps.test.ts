import { describe, expect, it } from 'vitest';
import {
	canVisit,
	currentStep,
	nextStep,
	previousStep,
	stageOf,
	STEPS,
	stepForPath
} from './steps.ts';
import type { JourneyData } from './types.ts';

const full: JourneyData = {
	startedAt: 1,
	consent: { terms: true, at: 1 },
	faceConsent: 'given',
	basic: { phone: '13800138000' },
	id: {
		name: '张三',
		idNumber: '110105199001010011',
		validFrom: '2020-01-01',
		validTo: '2040-01-01',
		address: '北京市东城区某路1号',
		photographed: true
	},
	liveness: { status: 'passed' },
	registry: { confirmedAt: 1 },
	bankCard: { number: '6228480402564890018' },
	kyc: { occupation: 'employee', incomeBand: '50k_200k', purpose: 'salary' },
	witness: { mode: 'video' },
	signature: { png: 'x', at: 1 },
	submission: { idempotencyKey: 'k'.repeat(16), state: 'queued' }
};

/** The journey with every answer from `step` on removed. */
function upTo(step: (typeof STEPS)[number]): JourneyData {
	const keys: Record<string, (keyof JourneyData)[]> = {
		welcome: ['consent', 'faceConsent'],
		basic: ['basic'],
		id: ['id'],
		liveness: ['liveness'],
		registry: ['registry'],
		bank: ['bankCard'],
		kyc: ['kyc'],
		witness: ['witness'],
		sign: ['signature', 'submission']
	};
	const d: JourneyData = { ...full };
	for (const s of STEPS.slice(STEPS.indexOf(step))) for (const k of keys[s] ?? []) delete d[k];
	return d;
}

describe('the wizard resumes at the first unanswered step', () => {
	it('starts at welcome and ends at status', () => {
		expect(currentStep({ startedAt: 0 })).toBe('welcome');
		expect(currentStep(full)).toBe('status');
	});
	it.each(STEPS.filter((s) => s !== 'status'))('resumes at %s', (step) => {
		expect(currentStep(upTo(step))).toBe(step);
	});
	it('needs both consents before leaving welcome (face consent may be a refusal)', () => {
		expect(currentStep({ startedAt: 0, consent: { terms: true, at: 0 } })).toBe('welcome');
		expect(
			currentStep({ startedAt: 0, consent: { terms: true, at: 0 }, faceConsent: 'declined' })
		).toBe('basic');
	});
});

describe('visiting steps', () => {
	it('allows going back but not skipping ahead', () => {
		const d = upTo('bank');
		expect(canVisit('id', d)).toBe(true);
		expect(canVisit('bank', d)).toBe(true);
		expect(canVisit('kyc', d)).toBe(false);
	});
	it('locks the form once signed, unless the server asked for a correction', () => {
		expect(canVisit('id', full)).toBe(false);
		expect(canVisit('status', full)).toBe(true);
		const fix = { ...full, submission: { idempotencyKey: 'k', state: 'needs_action' as const } };
		expect(canVisit('id', fix)).toBe(true);
	});
	it('walks forward and back in order, in the mock-up stages', () => {
		expect(nextStep('welcome')).toBe('basic');
		expect(nextStep('sign')).toBe('status');
		expect(previousStep('welcome')).toBeNull();
		expect(STEPS.map(stageOf)).toEqual([
			'apply',
			'apply',
			'identity',
			'identity',
			'identity',
			'card',
			'card',
			'video',
			'sign',
			'done'
		]);
	});
	it('maps server field paths to the step that holds them', () => {
		expect(stepForPath('applicant.phone')).toBe('basic');
		expect(stepForPath('applicant.idNumber')).toBe('id');
		expect(stepForPath('bankCard.number')).toBe('bank');
		expect(stepForPath('livenessNonce')).toBe('liveness');
		expect(stepForPath('signaturePng')).toBe('sign');
	});
});
