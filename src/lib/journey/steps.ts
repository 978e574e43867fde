/**
 * The wizard's steps, their order, and which one is current — a pure function of the stored
 * {@link JourneyData}. The six stages are the mock-up's progress bar:
 * 申请开户 → 身份验证 → 开户银行卡 → 视频采集 → 签署协议 → 开户成功.
 */
import type { JourneyData } from './types.ts';

export const STEPS = [
	'welcome',
	'basic',
	'id',
	'liveness',
	'registry',
	'bank',
	'kyc',
	'witness',
	'sign',
	'status'
] as const;
export type StepId = (typeof STEPS)[number];

export const STAGES = ['apply', 'identity', 'card', 'video', 'sign', 'done'] as const;
export type StageId = (typeof STAGES)[number];

const STAGE_OF: Record<StepId, StageId> = {
	welcome: 'apply',
	basic: 'apply',
	id: 'identity',
	liveness: 'identity',
	registry: 'identity',
	bank: 'card',
	kyc: 'card',
	witness: 'video',
	sign: 'sign',
	status: 'done'
};

/** The mock-up stage a step belongs to. */
export function stageOf(step: StepId): StageId {
	return STAGE_OF[step];
}

/** True when the step's answers are stored (so the wizard may move past it). */
export function isStepDone(step: StepId, d: JourneyData): boolean {
	switch (step) {
		case 'welcome':
			return !!d.consent?.terms && d.faceConsent !== undefined;
		case 'basic':
			return !!d.basic;
		case 'id':
			return !!d.id;
		case 'liveness':
			return !!d.liveness;
		case 'registry':
			return !!d.registry;
		case 'bank':
			return !!d.bankCard;
		case 'kyc':
			return !!d.kyc;
		case 'witness':
			return !!d.witness;
		case 'sign':
			return !!d.signature && !!d.submission;
		case 'status':
			return false;
	}
}

/**
 * The first step not yet done: where a reload (or a return days later) resumes.
 * @example currentStep({ startedAt: 0 }) // 'welcome'
 */
export function currentStep(d: JourneyData): StepId {
	return STEPS.find((s) => !isStepDone(s, d)) ?? 'status';
}

/** Whether the customer may open `step` now: any step up to the current one (to go back and edit). */
export function canVisit(step: StepId, d: JourneyData): boolean {
	// Signed and sent (or queued): read-only, unless the server asked for a correction.
	if (d.submission && d.submission.state !== 'needs_action' && step !== 'status') return false;
	return STEPS.indexOf(step) <= STEPS.indexOf(currentStep(d));
}

/** The step after `step` (or `status`). */
export function nextStep(step: StepId): StepId {
	return STEPS[STEPS.indexOf(step) + 1] ?? 'status';
}

/** The step before `step`, or null on the first. */
export function previousStep(step: StepId): StepId | null {
	return STEPS[STEPS.indexOf(step) - 1] ?? null;
}

/** Which step holds the field a server validation error points at (`applicant.idNumber` → `id`). */
export function stepForPath(path: string): StepId {
	if (path === 'applicant.phone') return 'basic';
	if (path.startsWith('applicant.')) return 'id';
	if (path.startsWith('bankCard')) return 'bank';
	if (path.startsWith('kyc')) return 'kyc';
	if (path === 'livenessNonce' || path === 'livePhoto' || path === 'idPortrait') return 'liveness';
	return 'sign';
}

export function isStepId(s: string | null | undefined): s is StepId {
	return (STEPS as readonly string[]).includes(s ?? '');
}
