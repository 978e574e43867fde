/**
 * Minimal read access to an existing FlatBuffer: tables, vectors and strings by field index. Enough
 * to walk a TFLite model without generated code (the field numbers are in `schema/`).
 */
import { ByteBuffer } from 'flatbuffers';

/** A table inside a FlatBuffer, addressed by its absolute byte position. */
export class Table {
	constructor(
		readonly bb: ByteBuffer,
		readonly pos: number
	) {}

	/** The root table of `bytes`. */
	static root(bytes: Uint8Array): Table {
		const bb = new ByteBuffer(bytes);
		return new Table(bb, bb.readUint32(0));
	}

	/** Number of field slots in this table's vtable. */
	get fieldCount(): number {
		const vtable = this.pos - this.bb.readInt32(this.pos);
		return (this.bb.readInt16(vtable) - 4) / 2;
	}

	/** Byte offset of field `i` inside the table, 0 when absent. */
	field(i: number): number {
		return this.bb.__offset(this.pos, 4 + 2 * i);
	}

	has(i: number): boolean {
		return this.field(i) !== 0;
	}

	int8(i: number, def = 0): number {
		const o = this.field(i);
		return o ? this.bb.readInt8(this.pos + o) : def;
	}

	int32(i: number, def = 0): number {
		const o = this.field(i);
		return o ? this.bb.readInt32(this.pos + o) : def;
	}

	uint32(i: number, def = 0): number {
		const o = this.field(i);
		return o ? this.bb.readUint32(this.pos + o) : def;
	}

	/** Absolute position of the object an offset field points to, or null. */
	target(i: number): number | null {
		const o = this.field(i);
		return o ? this.bb.__indirect(this.pos + o) : null;
	}

	string(i: number): string | null {
		const o = this.field(i);
		return o ? (this.bb.__string(this.pos + o) as string) : null;
	}

	/** Start (first element) and length of a vector field, or null. */
	vector(i: number): { start: number; length: number } | null {
		const o = this.field(i);
		if (!o) return null;
		return { start: this.bb.__vector(this.pos + o), length: this.bb.__vector_len(this.pos + o) };
	}

	/** The tables of a vector-of-tables field (empty when absent). */
	tables(i: number): Table[] {
		const v = this.vector(i);
		if (!v) return [];
		return Array.from(
			{ length: v.length },
			(_, k) => new Table(this.bb, this.bb.__indirect(v.start + 4 * k))
		);
	}

	/** The values of an `[int]` vector field (empty when absent). */
	ints(i: number): number[] {
		const v = this.vector(i);
		if (!v) return [];
		return Array.from({ length: v.length }, (_, k) => this.bb.readInt32(v.start + 4 * k));
	}
}
