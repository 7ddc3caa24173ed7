import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLatest } from './useLatest.ts';

/** How long a toast stays when nobody hovers or focuses it. */
const DEFAULT_DURATION_MS = 8_000;

/** What to show in a toast. */
export interface ToastInput {
  /** The sentence, already translated. */
  message: string;
  /** An optional action button, e.g. "Undo". */
  action?: { label: string; run: () => void };
  /** Milliseconds on screen; default 8 s. Hovering or focusing the toast pauses it. */
  durationMs?: number;
  /** Called once when the toast goes away without its action being used. */
  onExpire?: () => void;
}

interface Toast extends ToastInput {
  id: number;
}

interface ToastApi {
  /** Shows a toast; returns a function that dismisses it. */
  show: (toast: ToastInput) => () => void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** Holds the page's toasts (short notices with an optional action) and renders them. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => {
    setToasts((all) => all.filter((t) => t.id !== id));
  }, []);
  const api = useMemo<ToastApi>(
    () => ({
      show: (input) => {
        const id = next.current++;
        setToasts((all) => [...all.slice(-2), { ...input, id }]);
        return () => dismiss(id);
      },
    }),
    [dismiss],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} onGone={() => dismiss(toast.id)} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onGone }: { toast: Toast; onGone: () => void }) {
  const { t } = useI18n();
  const [paused, setPaused] = useState(false);
  const acted = useRef(false);
  const expire = useLatest(toast.onExpire);

  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(onGone, toast.durationMs ?? DEFAULT_DURATION_MS);
    return () => clearTimeout(timer);
  }, [paused, onGone, toast.durationMs]);

  // Whatever removes the toast (time, close button), its expiry runs once unless it acted.
  useEffect(
    () => () => {
      if (!acted.current) expire.current?.();
    },
    [expire],
  );

  return (
    <div
      className="toast"
      data-testid="toast"
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <span className="toast__message">{toast.message}</span>
      {toast.action && (
        <button
          type="button"
          className="toast__action"
          onClick={() => {
            acted.current = true;
            toast.action?.run();
            onGone();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        className="toast__close"
        aria-label={t('toast.dismiss')}
        onClick={onGone}
      >
        ×
      </button>
    </div>
  );
}

/** Shows toasts; must be used inside <ToastProvider>. */
export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToasts must be used inside <ToastProvider>');
  return api;
}
