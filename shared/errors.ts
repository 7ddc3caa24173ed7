/** Why a map operation or parse was refused. */
export type MapErrorCode = 'invalid-input' | 'not-found' | 'not-empty' | 'unsupported-version';

/** Thrown by shared/ when an input is invalid or names a record that does not exist. */
export class MapOperationError extends Error {
  /** Machine-readable reason, stable across releases. */
  readonly code: MapErrorCode;

  constructor(code: MapErrorCode, message: string) {
    super(message);
    this.name = 'MapOperationError';
    this.code = code;
  }
}
