/**
 * Dot products of many float32 rows with one query, four lanes at a time (WebAssembly SIMD, in
 * every Node since 16.4). A scalar loop in V8 does one multiply-add per step whatever the unrolling,
 * and int8 vectors were no faster there (measured: integer products cost as much as float ones);
 * `f32x4` does four, which cuts the exact scan of 100,000 × 256 floats by about four
 * (docs/decisions/2026-12-06-lookalike-simd-scan-and-index-warm-up.md).
 *
 * The module is a dozen instructions, written out below as bytes with its text form beside them,
 * so no compiler is needed to build Fathom. Its one function reads the matrix, the query and writes
 * the scores in the memory it is given (a workspace's WebAssembly.Memory, see WorkspaceVectors).
 *
 *   (func (export "scores") (param $m i32) (param $q i32) (param $rows i32) (param $dims i32) (param $out i32)
 *     (local $rowEnd i32) (local $i i32) (local $a v128) (local $b v128)
 *     block $done loop $row
 *       (br_if $done (i32.eqz $rows))
 *       $rowEnd = $m + $dims × 4;  $a = $b = 0;  $i = $q
 *       loop $col
 *         $a += f32x4 m[0..4) × q[0..4);  $b += f32x4 m[4..8) × q[4..8)
 *         $m += 32;  $i += 32;  (br_if $col (i32.lt_u $m $rowEnd))
 *       end
 *       f32 out[0] = sum of the lanes of $a + $b;  $out += 4;  $rows -= 1;  br $row
 *     end end)
 *
 * `dims` must be a positive multiple of 8 and every address 4-aligned; the caller checks.
 */
const I32 = 0x7f;
const V128 = 0x7b;

function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

function unsignedLeb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

const name = (text: string) => [text.length, ...Array.from(text, (char) => char.charCodeAt(0))];
const localGet = (index: number) => [0x20, index];
const localSet = (index: number) => [0x21, index];
const v128Zero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
/** v128.load with a 4-byte alignment hint at `offset`. */
const v128Load = (offset: number) => [0xfd, 0x00, 0x02, offset];
const f32x4Mul = [0xfd, 0xe6, 0x01];
const f32x4Add = [0xfd, 0xe4, 0x01];
const f32x4Lane = (lane: number) => [0xfd, 0x1f, lane];
const f32Add = [0x92];
const [M, Q, ROWS, DIMS, OUT, ROW_END, I, A, B] = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;

const BODY = [
  // locals: two i32, two v128
  0x02,
  0x02,
  I32,
  0x02,
  V128,
  ...[0x02, 0x40], // block $done
  ...[0x03, 0x40], // loop $row
  ...localGet(ROWS),
  0x45, // i32.eqz
  ...[0x0d, 0x01], // br_if $done
  ...localGet(M),
  ...localGet(DIMS),
  ...[0x41, 0x02, 0x74], // i32.const 2, i32.shl
  0x6a, // i32.add
  ...localSet(ROW_END),
  ...v128Zero,
  ...localSet(A),
  ...v128Zero,
  ...localSet(B),
  ...localGet(Q),
  ...localSet(I),
  ...[0x03, 0x40], // loop $col
  ...localGet(A),
  ...localGet(M),
  ...v128Load(0),
  ...localGet(I),
  ...v128Load(0),
  ...f32x4Mul,
  ...f32x4Add,
  ...localSet(A),
  ...localGet(B),
  ...localGet(M),
  ...v128Load(16),
  ...localGet(I),
  ...v128Load(16),
  ...f32x4Mul,
  ...f32x4Add,
  ...localSet(B),
  ...localGet(M),
  ...[0x41, 0x20, 0x6a], // i32.const 32, i32.add
  ...localSet(M),
  ...localGet(I),
  ...[0x41, 0x20, 0x6a],
  ...localSet(I),
  ...localGet(M),
  ...localGet(ROW_END),
  0x49, // i32.lt_u
  ...[0x0d, 0x00], // br_if $col
  0x0b, // end $col
  ...localGet(OUT),
  ...localGet(A),
  ...localGet(B),
  ...f32x4Add,
  ...localSet(A),
  ...localGet(A),
  ...f32x4Lane(0),
  ...localGet(A),
  ...f32x4Lane(1),
  ...f32Add,
  ...localGet(A),
  ...f32x4Lane(2),
  ...f32Add,
  ...localGet(A),
  ...f32x4Lane(3),
  ...f32Add,
  ...[0x38, 0x02, 0x00], // f32.store
  ...localGet(OUT),
  ...[0x41, 0x04, 0x6a],
  ...localSet(OUT),
  ...localGet(ROWS),
  ...[0x41, 0x01, 0x6b], // i32.const 1, i32.sub
  ...localSet(ROWS),
  ...[0x0c, 0x00], // br $row
  0x0b, // end $row
  0x0b, // end $done
  0x0b, // end of the function
];

const MODULE_BYTES = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, [0x01, 0x60, 0x05, I32, I32, I32, I32, I32, 0x00]),
  ...section(2, [0x01, ...name('env'), ...name('memory'), 0x02, 0x00, 0x01]),
  ...section(3, [0x01, 0x00]),
  ...section(7, [0x01, ...name('scores'), 0x00, 0x00]),
  ...section(10, [0x01, ...unsignedLeb(BODY.length), ...BODY]),
]);

/** The compiled module, or null where WebAssembly SIMD is not available (the scalar scan is used then). */
const compiled: WebAssembly.Module | null = (() => {
  try {
    return WebAssembly.validate(MODULE_BYTES) ? new WebAssembly.Module(MODULE_BYTES) : null;
  } catch {
    return null;
  }
})();

/** Scores `rows` rows of `dims` floats from byte `matrixAt` against the query at `queryAt`, into `outAt` (byte addresses). */
export type DotProducts = (matrixAt: number, queryAt: number, rows: number, dims: number, outAt: number) => void;

/** The kernel bound to `memory`, or null where it cannot run. */
export function simdDotProducts(memory: WebAssembly.Memory): DotProducts | null {
  if (!compiled) return null;
  const instance = new WebAssembly.Instance(compiled, { env: { memory } });
  return instance.exports.scores as DotProducts;
}

/** Whether the SIMD kernel runs in this process (it does in Node 20; the scalar scan is the fallback). */
export const simdAvailable = compiled !== null;
