import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiRequestError } from '../api.ts';
import { feedbackApi, type CardAnswer, type MyFeedback } from './feedbackApi.ts';
import { SaveQueue, type SaveState } from './saveQueue.ts';

/** How long typing must pause before a text is saved. */
const TYPING_PAUSE_MS = 700;

/** A missing step as the page holds it: `key` is stable, `id` is the server's once it exists. */
export interface MissingDraft {
  key: string;
  id: string | null;
  stageId: string;
  note: string;
}

/** The customer's answers as the page holds them (drafts included: 'different' before its note). */
export interface FeedbackDraft {
  firstName: string;
  comment: string;
  submittedAt: string | null;
  cards: Readonly<Record<string, CardAnswer>>;
  stages: Readonly<Record<string, number>>;
  missing: readonly MissingDraft[];
}

/** My answers, and how to change them; every change is saved as it happens. */
export interface Feedback {
  /** null while loading. */
  draft: FeedbackDraft | null;
  /** The answers could not be loaded. */
  loadFailed: boolean;
  saveState: SaveState;
  setFirstName: (name: string) => void;
  /** `null` clears the answer; a 'different' answer is saved once its note is not empty. */
  setCard: (cardId: string, answer: CardAnswer | null) => void;
  setStageEmotion: (stageId: string, emotion: number) => void;
  addMissing: (stageId: string, note: string) => void;
  removeMissing: (key: string) => void;
  setComment: (comment: string) => void;
  retry: () => void;
  /** Saves what is left and sends; rejects (answers kept) if that fails. */
  submit: () => Promise<void>;
  reload: () => void;
}

function toDraft(mine: MyFeedback): FeedbackDraft {
  const stages: Record<string, number> = {};
  for (const [id, s] of Object.entries(mine.stages)) stages[id] = s.emotion;
  return {
    firstName: mine.firstName ?? '',
    comment: mine.comment ?? '',
    submittedAt: mine.submittedAt,
    cards: { ...mine.cards },
    stages,
    missing: mine.missing.map((m) => ({ key: m.id, id: m.id, stageId: m.stageId, note: m.note })),
  };
}

/** Whether an answer can be stored as it is (a 'different' needs what was different). */
function savable(answer: CardAnswer | null): answer is CardAnswer {
  return !!answer && (answer.verdict !== 'different' || !!answer.note?.trim());
}

/** A DELETE of something already gone changed nothing worth telling the customer about. */
async function ignoreGone(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if (!(error instanceof ApiRequestError && error.status === 404)) throw error;
  }
}

/** Errors saying the step or stage answered no longer exists in the journey. */
const GONE: ReadonlySet<string> = new Set(['unknown_card', 'unknown_stage']);

let localKeys = 0;

/**
 * Loads my answers (`GET .../feedback/mine`, so they survive closing the tab) and saves each
 * change through the feedback routes, one request at a time per answer.
 */
export function useFeedback(mapId: string): Feedback {
  const [draft, setDraft] = useState<FeedbackDraft | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [generation, setGeneration] = useState(0);
  const draftRef = useRef<FeedbackDraft | null>(null);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const queue = useMemo(() => new SaveQueue((state) => setSaveState(state)), []);

  useEffect(() => {
    // Leaving the page (closing the tab) sends what still waits for a pause in typing.
    const leave = () => void queue.flush();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      queue.dispose();
    };
  }, [queue]);

  useEffect(() => {
    let cancelled = false;
    feedbackApi.mine(mapId).then(
      (mine) => {
        if (cancelled) return;
        draftRef.current = toDraft(mine);
        setDraft(draftRef.current);
        setLoadFailed(false);
      },
      () => !cancelled && setLoadFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [mapId, generation]);

  const change = useCallback((update: (d: FeedbackDraft) => FeedbackDraft) => {
    if (!draftRef.current || draftRef.current.submittedAt) return;
    draftRef.current = update(draftRef.current);
    setDraft(draftRef.current);
  }, []);

  /** Runs a save; a 409 means the answers were sent meanwhile (another tab): show that. */
  const save = useCallback(
    (key: string, send: () => Promise<unknown>, delayMs = 0) =>
      queue.schedule(
        key,
        async () => {
          try {
            await send();
          } catch (error) {
            if (error instanceof ApiRequestError && error.status === 409) {
              reload();
              return;
            }
            // The team removed that step or stage meanwhile: there is nothing left to answer,
            // and retrying could never succeed.
            if (error instanceof ApiRequestError && GONE.has(error.code)) return;
            throw error;
          }
        },
        delayMs,
      ),
    [queue, reload],
  );

  const setFirstName = useCallback(
    (name: string) => {
      change((d) => ({ ...d, firstName: name }));
      save(
        'about:firstName',
        () => feedbackApi.about(mapId, { firstName: name.trim() || null }),
        TYPING_PAUSE_MS,
      );
    },
    [change, save, mapId],
  );

  const setComment = useCallback(
    (comment: string) => {
      change((d) => ({ ...d, comment }));
      save(
        'about:comment',
        () => feedbackApi.about(mapId, { comment: comment.trim() || null }),
        TYPING_PAUSE_MS,
      );
    },
    [change, save, mapId],
  );

  const setCard = useCallback(
    (cardId: string, answer: CardAnswer | null) => {
      const before = draftRef.current?.cards[cardId];
      change((d) => {
        const cards = Object.fromEntries(Object.entries(d.cards).filter(([id]) => id !== cardId));
        if (answer) cards[cardId] = answer;
        return { ...d, cards };
      });
      // Typing in the "what was different" box waits for a pause; a click is saved at once.
      const typing = answer?.verdict === 'different' && before?.verdict === 'different';
      const body: CardAnswer | null = savable(answer)
        ? {
            verdict: answer.verdict,
            ...(answer.verdict === 'different' ? { note: answer.note?.trim() } : {}),
          }
        : null;
      save(
        `card:${cardId}`,
        () =>
          body
            ? feedbackApi.answerCard(mapId, cardId, body)
            : ignoreGone(feedbackApi.clearCard(mapId, cardId)),
        typing ? TYPING_PAUSE_MS : 0,
      );
    },
    [change, save, mapId],
  );

  const setStageEmotion = useCallback(
    (stageId: string, emotion: number) => {
      change((d) => ({ ...d, stages: { ...d.stages, [stageId]: emotion } }));
      save(`stage:${stageId}`, () => feedbackApi.answerStage(mapId, stageId, { emotion }));
    },
    [change, save, mapId],
  );

  // Server ids of the missing steps added here, also of those removed from the draft meanwhile.
  const serverIds = useRef(new Map<string, string>());

  const addMissing = useCallback(
    (stageId: string, note: string) => {
      localKeys += 1;
      const key = `new-${localKeys}`;
      change((d) => ({ ...d, missing: [...d.missing, { key, id: null, stageId, note }] }));
      save(`missing:${key}`, async () => {
        const { id } = await feedbackApi.addMissing(mapId, stageId, note);
        serverIds.current.set(key, id);
        change((d) => ({
          ...d,
          missing: d.missing.map((m) => (m.key === key ? { ...m, id } : m)),
        }));
      });
    },
    [change, save, mapId],
  );

  const removeMissing = useCallback(
    (key: string) => {
      const item = draftRef.current?.missing.find((m) => m.key === key);
      if (!item) return;
      change((d) => ({ ...d, missing: d.missing.filter((m) => m.key !== key) }));
      // Queued behind its own creation, so the server's id is known by the time this runs
      // (a creation not sent yet is simply replaced: nothing to delete).
      save(`missing:${key}`, async () => {
        const id = item.id ?? serverIds.current.get(key);
        if (id) await ignoreGone(feedbackApi.removeMissing(mapId, id));
      });
    },
    [change, save, mapId],
  );

  const retry = useCallback(() => queue.retry(), [queue]);

  const submit = useCallback(async () => {
    await queue.flush();
    if (queue.failing) throw new Error('unsaved answers');
    try {
      await feedbackApi.submit(mapId);
    } catch (error) {
      if (!(error instanceof ApiRequestError && error.status === 409)) throw error;
    }
    reload();
  }, [queue, mapId, reload]);

  return {
    draft,
    loadFailed,
    saveState,
    setFirstName,
    setCard,
    setStageEmotion,
    addMissing,
    removeMissing,
    setComment,
    retry,
    submit,
    reload,
  };
}
