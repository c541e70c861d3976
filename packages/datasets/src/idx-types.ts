/** The element types the IDX format defines, named by their JavaScript typed-array kind. */
export type IdxType = 'u8' | 'i8' | 'i16' | 'i32' | 'f32' | 'f64';

/** The typed array that holds each IDX element type. */
export interface IdxArrayTypes {
  u8: Uint8Array;
  i8: Int8Array;
  i16: Int16Array;
  i32: Int32Array;
  f32: Float32Array;
  f64: Float64Array;
}

/** Any typed array that can be stored in an IDX file. */
export type IdxTypedArray = IdxArrayTypes[IdxType];

/** A decoded IDX file: its element type, its dimensions and its elements in row-major order. */
export type IdxData = {
  [T in IdxType]: { readonly type: T; readonly dims: number[]; readonly data: IdxArrayTypes[T] };
}[IdxType];

/** The type code stored in byte 2 of an IDX header, per element type. */
export const IDX_TYPE_CODES: Readonly<Record<IdxType, number>> = Object.freeze({
  u8: 0x08,
  i8: 0x09,
  i16: 0x0b,
  i32: 0x0c,
  f32: 0x0d,
  f64: 0x0e,
});

/** Bytes per element, per element type. */
export const IDX_ELEMENT_SIZES: Readonly<Record<IdxType, 1 | 2 | 4 | 8>> = Object.freeze({
  u8: 1,
  i8: 1,
  i16: 2,
  i32: 4,
  f32: 4,
  f64: 8,
});

const TYPES_BY_CODE: ReadonlyMap<number, IdxType> = new Map(
  (Object.entries(IDX_TYPE_CODES) as [IdxType, number][]).map(([type, code]) => [code, type]),
);

/** The element type for an IDX type code, or undefined when the code is not one IDX defines. */
export function idxTypeFromCode(code: number): IdxType | undefined {
  return TYPES_BY_CODE.get(code);
}

/** Formats a type code the way the IDX documentation writes it, e.g. 0x0D. */
export function formatTypeCode(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** The list of supported type codes, for error messages. */
export function describeSupportedTypes(): string {
  return (Object.entries(IDX_TYPE_CODES) as [IdxType, number][])
    .map(([type, code]) => `${formatTypeCode(code)} (${type})`)
    .join(', ');
}
