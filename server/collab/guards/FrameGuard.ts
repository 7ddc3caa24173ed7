import { inspectFrame, type FrameProblem } from './frameProtocol.ts';

/** A frame to hand to Hocuspocus, one to drop silently, or a refusal. */
export type FrameCheck =
  | { action: 'forward'; data: Uint8Array }
  | { action: 'ignore' }
  | { action: 'refuse'; problem: FrameProblem | 'text_frame'; detail: string };

/**
 * Refuses text frames and binary frames that do not decode as a Hocuspocus message (see
 * inspectFrame), so that only well-formed messages reach Hocuspocus.
 */
export function checkFrame(rawData: unknown, bytes: () => Uint8Array): FrameCheck {
  if (typeof rawData === 'string') {
    return {
      action: 'refuse',
      problem: 'text_frame',
      detail: `text frame of ${rawData.length} characters`,
    };
  }
  const data = bytes();
  const verdict = inspectFrame(data);
  if (!verdict.ok) return { action: 'refuse', problem: verdict.problem, detail: verdict.detail };
  return verdict.forward ? { action: 'forward', data } : { action: 'ignore' };
}
