import { exportUrl } from './exportFiles.ts';

const FRAME_TEST_ID = 'print-frame';

/**
 * Prints the whole map from the browser, as the PDF export lays it out: the printable page of
 * the export (`format=html`, A3 sheets with the lane titles repeated) loaded in a hidden frame
 * of this page, then the frame's own print. The board on screen is windowed (only what is in
 * view is rendered) and full of controls, so printing it would clip it.
 */
export function printMap(mapId: string): void {
  document.querySelector(`iframe[data-testid="${FRAME_TEST_ID}"]`)?.remove();
  const frame = document.createElement('iframe');
  frame.dataset.testid = FRAME_TEST_ID;
  frame.title = 'print';
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.className = 'print-frame';
  frame.addEventListener(
    'load',
    () => {
      const view = frame.contentWindow;
      if (!view) return;
      view.focus();
      view.print();
    },
    { once: true },
  );
  frame.src = exportUrl(mapId, 'html');
  document.body.append(frame);
}

/** True for the keyboard's print shortcut (Ctrl+P, or Cmd+P on a Mac). */
export function isPrintShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key === 'p';
}
