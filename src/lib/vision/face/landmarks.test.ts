import { describe, expect, it } from 'vitest';
import {
	EYE_LEFT,
	EYE_RIGHT,
	headPose,
	LIP_LOWER,
	LIP_UPPER,
	measureFrame,
	MOUTH_CORNERS,
	NOSE_TIP,
	type Landmark
} from './landmarks.ts';

const RAD = Math.PI / 180;
type M3 = number[][];
const mul = (a: M3, b: M3): M3 => a.map((r) => b[0]!.map((_, j) => r.reduce((s, v, k) => s + v * b[k]![j]!, 0))); // prettier-ignore
const rx = (a: number): M3 => [[1, 0, 0], [0, Math.cos(a), -Math.sin(a)], [0, Math.sin(a), Math.cos(a)]]; // prettier-ignore
const ry = (a: number): M3 => [[Math.cos(a), 0, Math.sin(a)], [0, 1, 0], [-Math.sin(a), 0, Math.cos(a)]]; // prettier-ignore
const rz = (a: number): M3 => [[Math.cos(a), -Math.sin(a), 0], [Math.sin(a), Math.cos(a), 0], [0, 0, 1]]; // prettier-ignore

/** A column-major 4×4 like FaceLandmarker's, for a head turned by yaw, pitch and roll degrees. */
function matrix(yaw: number, pitch: number, roll: number): number[] {
	const r = mul(mul(ry(yaw * RAD), rx(-pitch * RAD)), rz(roll * RAD));
	const m = new Array<number>(16).fill(0);
	for (let c = 0; c < 3; c++) for (let row = 0; row < 3; row++) m[c * 4 + row] = r[row]![c]!;
	m[14] = -40;
	m[15] = 1;
	return m;
}

describe('headPose', () => {
	it('recovers pure yaw, pitch and roll', () => {
		expect(headPose(matrix(25, 0, 0)).yaw).toBeCloseTo(25, 6);
		expect(headPose(matrix(-30, 0, 0)).yaw).toBeCloseTo(-30, 6);
		expect(headPose(matrix(0, 15, 0)).pitch).toBeCloseTo(15, 6);
		expect(headPose(matrix(0, -20, 0)).pitch).toBeCloseTo(-20, 6);
		expect(headPose(matrix(0, 0, 10)).roll).toBeCloseTo(10, 6); // head top towards image left
		for (const v of Object.values(headPose(matrix(0, 0, 0)))) expect(v).toBeCloseTo(0, 9);
	});

	it('separates combined yaw, pitch and roll', () => {
		const p = headPose(matrix(20, 10, 5));
		expect(p.yaw).toBeCloseTo(20, 6);
		expect(p.pitch).toBeCloseTo(10, 6);
		expect(p.roll).toBeCloseTo(5, 6);
	});

	it('reads the head-pose matrix of a real photo (grace_hopper.jpg, tasks-vision 1.1.0)', () => {
		// Matrix FaceLandmarker returned for the portrait with Kaihu's face_landmarker.task.
		const m = [0.99837, 0.05708, -0.00219, 0, -0.05634, 0.99038, 0.12637, 0, 0.00938, -0.12604, 0.99198, 0, 0.74767, 6.39415, -41.80940, 1]; // prettier-ignore
		const p = headPose(m);
		expect(p.yaw).toBeCloseTo(0.54, 1);
		expect(p.pitch).toBeCloseTo(-7.24, 1);
		expect(p.roll).toBeCloseTo(3.26, 1);
	});
});

/** A 478-point face in a 1000×1000 frame with given eye and mouth openings (pixels). */
function face(eyeGap: number, mouthGap: number, dx = 0): Landmark[] {
	const pts: Landmark[] = Array.from({ length: 478 }, () => ({ x: 0.5 + dx, y: 0.5, z: 0 }));
	const set = (i: number, x: number, y: number) =>
		(pts[i] = { x: x / 1000 + dx, y: y / 1000, z: 0 });
	for (const [eye, cx] of [
		[EYE_RIGHT, 400],
		[EYE_LEFT, 600]
	] as const) {
		const [p1, p2, p3, p4, p5, p6] = eye;
		const s = cx < 500 ? -1 : 1; // outer corner away from the nose
		set(p1, cx + s * 50, 400);
		set(p4, cx - s * 50, 400);
		for (const [up, down, x] of [
			[p2, p6, cx + s * 15],
			[p3, p5, cx - s * 15]
		] as const) {
			set(up, x, 400 - eyeGap / 2);
			set(down, x, 400 + eyeGap / 2);
		}
	}
	set(MOUTH_CORNERS[0], 420, 650);
	set(MOUTH_CORNERS[1], 580, 650);
	set(LIP_UPPER, 500, 650 - mouthGap / 2);
	set(LIP_LOWER, 500, 650 + mouthGap / 2);
	set(NOSE_TIP, 500, 520);
	set(10, 500, 250); // forehead
	set(152, 500, 800); // chin
	return pts;
}

describe('measureFrame', () => {
	it('measures eye aspect ratios and mouth opening in pixels', () => {
		const m = measureFrame(40, 1000, 1000, [{ landmarks: face(30, 64) }]);
		expect(m.faceCount).toBe(1);
		expect(m.face!.eyeLeft).toBeCloseTo(0.3, 6); // 30 / 100
		expect(m.face!.eyeRight).toBeCloseTo(0.3, 6);
		expect(m.face!.mouth).toBeCloseTo(0.4, 6); // 64 / 160
		const closed = measureFrame(80, 1000, 1000, [{ landmarks: face(4, 0) }]).face!;
		expect(closed.eyeLeft).toBeCloseTo(0.04, 6);
		expect(closed.mouth).toBe(0);
	});

	it('gives the five points in image order and the landmark box', () => {
		const f = measureFrame(0, 1000, 1000, [{ landmarks: face(30, 10) }]).face!;
		expect(f.fivePoints).toEqual([[400, 400], [600, 400], [500, 520], [420, 650], [580, 650]]); // prettier-ignore
		expect(f.box).toEqual({ x: 350, y: 250, width: 300, height: 550 });
	});

	it('counts every face and reports the largest', () => {
		const small = face(30, 0).map((p) => ({ x: 0.1 + (p.x - 0.5) / 4, y: p.y / 4, z: 0 }));
		const m = measureFrame(0, 1000, 1000, [{ landmarks: small }, { landmarks: face(10, 0) }]);
		expect(m.faceCount).toBe(2);
		expect(m.face!.eyeLeft).toBeCloseTo(0.1, 6);
		expect(measureFrame(0, 640, 480, [])).toEqual({ t: 0, frameWidth: 640, frameHeight: 480, faceCount: 0 }); // prettier-ignore
	});
});
