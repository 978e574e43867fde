/**
 * TFLite Model Metadata (the `TFLITE_METADATA` FlatBuffer, identifier `M001`) for an image model:
 * what MediaPipe Tasks needs to preprocess a float input — the image content (RGB) and the
 * normalisation `(x - mean) / std`. Field numbers: `schema/metadata-subset.fbs`.
 */
import { Builder, type Offset } from 'flatbuffers';

export interface ImageModelMetadata {
	name: string;
	description: string;
	version: string;
	/** Per-channel (R, G, B) normalisation of 0…255 pixel values. */
	mean: [number, number, number];
	std: [number, number, number];
	/** Input range after normalisation, recorded as stats (informative). */
	range: [number, number];
	/** Names of the output tensors in order (one `TensorMetadata` each). */
	outputs: string[];
	author: string;
	license: string;
}

const CONTENT_IMAGE_PROPERTIES = 2; // ContentProperties union
const PROCESS_UNIT_NORMALIZATION = 1; // ProcessUnitOptions union
const COLOR_SPACE_RGB = 1;

function floats(b: Builder, values: readonly number[]): Offset {
	b.startVector(4, values.length, 4);
	for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]!);
	return b.endVector();
}

function offsets(b: Builder, values: Offset[]): Offset {
	b.startVector(4, values.length, 4);
	for (let i = values.length - 1; i >= 0; i--) b.addOffset(values[i]!);
	return b.endVector();
}

function inputTensor(b: Builder, m: ImageModelMetadata): Offset {
	b.startObject(2); // ImageProperties
	b.addFieldInt8(0, COLOR_SPACE_RGB, 0);
	const image = b.endObject();
	b.startObject(3); // Content
	b.addFieldInt8(0, CONTENT_IMAGE_PROPERTIES, 0);
	b.addFieldOffset(1, image, 0);
	const content = b.endObject();

	const mean = floats(b, m.mean);
	const std = floats(b, m.std);
	b.startObject(2); // NormalizationOptions
	b.addFieldOffset(0, mean, 0);
	b.addFieldOffset(1, std, 0);
	const normalization = b.endObject();
	b.startObject(2); // ProcessUnit
	b.addFieldInt8(0, PROCESS_UNIT_NORMALIZATION, 0);
	b.addFieldOffset(1, normalization, 0);
	const units = offsets(b, [b.endObject()]);

	const max = floats(b, [m.range[1]]);
	const min = floats(b, [m.range[0]]);
	b.startObject(2); // Stats
	b.addFieldOffset(0, max, 0);
	b.addFieldOffset(1, min, 0);
	const stats = b.endObject();

	const name = b.createString('image');
	const description = b.createString('RGB image, normalised as (x - mean) / std');
	b.startObject(7); // TensorMetadata
	b.addFieldOffset(0, name, 0);
	b.addFieldOffset(1, description, 0);
	b.addFieldOffset(3, content, 0);
	b.addFieldOffset(4, units, 0);
	b.addFieldOffset(5, stats, 0);
	return b.endObject();
}

function outputTensor(b: Builder, tensorName: string): Offset {
	const name = b.createString(tensorName);
	b.startObject(7);
	b.addFieldOffset(0, name, 0);
	return b.endObject();
}

/** Serialises the metadata FlatBuffer to store under the model's `TFLITE_METADATA` entry. */
export function imageModelMetadata(m: ImageModelMetadata): Uint8Array {
	const b = new Builder(1024);
	const input = offsets(b, [inputTensor(b, m)]);
	const outputs = offsets(
		b,
		m.outputs.map((o) => outputTensor(b, o))
	);
	b.startObject(4); // SubGraphMetadata
	b.addFieldOffset(2, input, 0);
	b.addFieldOffset(3, outputs, 0);
	const graphs = offsets(b, [b.endObject()]);

	const [name, description, version, author, license, parser] = [
		m.name,
		m.description,
		m.version,
		m.author,
		m.license,
		'1.0.0'
	].map((s) => b.createString(s)) as [Offset, Offset, Offset, Offset, Offset, Offset];
	b.startObject(8); // ModelMetadata
	b.addFieldOffset(0, name, 0);
	b.addFieldOffset(1, description, 0);
	b.addFieldOffset(2, version, 0);
	b.addFieldOffset(3, graphs, 0);
	b.addFieldOffset(4, author, 0);
	b.addFieldOffset(5, license, 0);
	b.addFieldOffset(7, parser, 0);
	b.finish(b.endObject(), 'M001');
	return b.asUint8Array().slice();
}
