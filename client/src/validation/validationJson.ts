/**
 * The team's view of the customers' answers: the shapes and the reader live in shared/ (the
 * server computes them); the client names them here once.
 */
export { readValidation } from '../../../shared/validation.ts';
export type {
  CardValidationJson,
  CardValidationState,
  MapValidationState,
  StageValidationJson,
  ValidationJson,
  ValidationSettings,
  Verdict,
} from '../../../shared/validation.ts';
