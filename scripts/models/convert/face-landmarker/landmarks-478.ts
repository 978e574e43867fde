/**
 * Grows the legacy landmark model's output from 468 to 478 points. MediaPipe Tasks'
 * FaceLandmarker expects 478 (the mesh plus 10 iris points) and reads the tensor as such; the
 * legacy `face_landmark.tflite` has no iris head. Ten SLICE ops copy eyelid points into the iris
 * slots and a CONCATENATION appends them: indices 468–477 are placeholders near the eyes, not
 * irises, and nothing in Kaihu reads them. (A constant pad would also do, but MediaPipe's GPU
 * delegate rejects constant inputs: "No support of const".)
 */
import type { Builder } from 'flatbuffers';
import type { NewOperator, NewTensor, TfliteEdit } from './tflite-edit.ts';

const SLICE = 65;
const CONCATENATION = 2;
const SLICE_OPTIONS = 48; // BuiltinOptions union
const CONCATENATION_OPTIONS = 10;

/** Mesh point copied into iris slot 468 + i: right eye (centre, 4 around), then left eye. */
export const IRIS_PLACEHOLDERS = [159, 33, 159, 133, 145, 386, 263, 386, 362, 374] as const;

function int32s(values: number[]): Uint8Array {
	return new Uint8Array(Int32Array.from(values).buffer);
}

/**
 * The edit for a model whose output `landmarks` (tensor index) has shape [1, 1, 1, 1404]; the new
 * 1434-value tensor replaces it in the outputs, the other outputs keep their order.
 */
export function growLandmarks(
	tensorCount: number,
	landmarks: number,
	outputs: number[]
): TfliteEdit {
	const tensors: NewTensor[] = [];
	const operators: NewOperator[] = [];
	const add = (t: NewTensor) => tensors.push(t) - 1 + tensorCount;
	const sliceOptions = { type: SLICE_OPTIONS, write: (b: Builder) => (b.startObject(0), b.endObject()) }; // prettier-ignore
	const points = IRIS_PLACEHOLDERS.map((mesh, i) => {
		const begin = add({ name: `iris_${i}/begin`, shape: [4], type: 'int32', data: int32s([0, 0, 0, mesh * 3]) }); // prettier-ignore
		const size = add({ name: `iris_${i}/size`, shape: [4], type: 'int32', data: int32s([1, 1, 1, 3]) }); // prettier-ignore
		const out = add({ name: `iris_${i}`, shape: [1, 1, 1, 3], type: 'float32' });
		operators.push({ builtin: SLICE, inputs: [landmarks, begin, size], outputs: [out], options: sliceOptions }); // prettier-ignore
		return out;
	});
	const grown = add({ name: 'landmarks_478', shape: [1, 1, 1, 478 * 3], type: 'float32' });
	operators.push({
		builtin: CONCATENATION,
		inputs: [landmarks, ...points],
		outputs: [grown],
		options: {
			type: CONCATENATION_OPTIONS,
			write: (b) => {
				b.startObject(2);
				b.addFieldInt32(0, 3, 0); // axis
				return b.endObject();
			}
		}
	});
	return { tensors, operators, outputs: outputs.map((o) => (o === landmarks ? grown : o)) };
}
