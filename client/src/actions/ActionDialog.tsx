import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { ACTION_CARDS_MAX, ACTION_TITLE_MAX } from '../../../shared/actions.ts';
import {
  departmentLabel,
  laneKindLabel,
  type CardView,
  type MapView,
} from '../../../shared/index.ts';
import { api, type Department, type Member } from '../api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { actionErrorMessage } from './actionErrors.ts';
import { actionsApi } from './actionsApi.ts';
import {
  ACTION_STATUSES,
  type Action,
  type ActionInput,
  type ActionStatus,
} from './actionTypes.ts';
import { cardLine } from './cardLine.ts';

/** Longest title, KPI name and target the server takes. */
const MAX_TEXT = ACTION_TITLE_MAX;
/** Most cards one action links. */
const MAX_CARDS = ACTION_CARDS_MAX;
/** The KPI select: none, typed, or a card of the KPI lane (`card:<id>`). */
type KpiChoice = 'none' | 'typed' | `card:${string}`;

/** What the dialog starts from: an action to edit, or a prefill for a new one. */
export type ActionDraft = { action: Action } | { prefill: Partial<ActionInput> };

interface ActionDialogProps {
  mapId: string;
  view: MapView;
  draft: ActionDraft;
  onClose: () => void;
  onSaved: (action: Action) => void;
}

function kpiChoiceOf(kpi: ActionInput['kpi'] | undefined): KpiChoice {
  if (!kpi) return 'none';
  return kpi.cardId ? `card:${kpi.cardId}` : 'typed';
}

/**
 * A modal dialog to create or edit an action (owners and editors): title, owner (a member of the
 * map), department, due date, status, the cards it answers to and its success metric (a card of
 * the map's KPI lane, or typed) with a target. The server checks everything again.
 */
export function ActionDialog({ mapId, view, draft, onClose, onSaved }: ActionDialogProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const start: Partial<ActionInput> = 'action' in draft ? draft.action : draft.prefill;
  const editing = 'action' in draft ? draft.action : null;
  const [title, setTitle] = useState(start.title?.slice(0, MAX_TEXT) ?? '');
  const [ownerId, setOwnerId] = useState(start.ownerId ?? '');
  const [department, setDepartment] = useState(start.department ?? '');
  const [due, setDue] = useState(start.due ?? '');
  const [status, setStatus] = useState<ActionStatus>(start.status ?? 'todo');
  const [cardIds, setCardIds] = useState<string[]>(start.cardIds ?? []);
  const [kpiChoice, setKpiChoice] = useState<KpiChoice>(kpiChoiceOf(start.kpi));
  const [kpiName, setKpiName] = useState(start.kpi && !start.kpi.cardId ? start.kpi.name : '');
  const [kpiTarget, setKpiTarget] = useState(start.kpi?.target ?? '');
  const [members, setMembers] = useState<Member[] | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  useEffect(() => {
    let live = true;
    // Owners are picked among the map's internal members (customers own nothing).
    api.members(mapId).then(
      (list) => live && setMembers(list.filter((m) => m.role !== 'customer')),
      () => live && setMembers([]),
    );
    api.departments().then(
      (list) => live && setDepartments(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [mapId]);

  const lanes = useMemo(() => new Map(view.lanes.map((l) => [l.id, l])), [view.lanes]);
  const stages = useMemo(() => new Map(view.stages.map((s) => [s.id, s])), [view.stages]);
  // Pain points and opportunities can be linked; a card linked before from another lane stays.
  const linkable = useMemo(
    () =>
      view.cards.filter((card) => {
        const kind = lanes.get(card.laneId)?.kind;
        return kind === 'pain-points' || kind === 'opportunities' || cardIds.includes(card.id);
      }),
    [view.cards, lanes, cardIds],
  );
  const kpiCards = useMemo(
    () => view.cards.filter((card) => lanes.get(card.laneId)?.kind === 'kpis' && card.text.trim()),
    [view.cards, lanes],
  );
  const describe = (card: CardView) => {
    const lane = lanes.get(card.laneId);
    const stage = stages.get(card.stageId);
    return `${stage?.name ?? ''} · ${lane ? laneKindLabel(lane.kind, locale) : ''}`;
  };

  const kpi = (): ActionInput['kpi'] => {
    if (kpiChoice === 'none') return null;
    if (kpiChoice === 'typed') return { name: kpiName.trim(), target: kpiTarget.trim() };
    const cardId = kpiChoice.slice('card:'.length);
    const card = view.cards.find((c) => c.id === cardId);
    const name = (card ? cardLine(card.text) : editing?.kpi?.name) ?? '';
    return { name: name.slice(0, MAX_TEXT), target: kpiTarget.trim(), cardId };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaving(true);
    const input: ActionInput = {
      title: title.trim(),
      ownerId,
      department: department || null,
      due: due || null,
      status,
      cardIds,
      kpi: kpi(),
    };
    try {
      const saved = editing
        ? await actionsApi.update(editing.id, input)
        : await actionsApi.create(mapId, input);
      onSaved(saved);
    } catch (cause) {
      setError(actionErrorMessage(cause, t));
      setSaving(false);
    }
  };

  const toggleCard = (cardId: string, on: boolean) =>
    setCardIds((ids) => (on ? [...ids, cardId] : ids.filter((x) => x !== cardId)));
  // The owner keeps showing when they are no longer a member (the server will say so on save).
  const ownerMissing =
    ownerId !== '' && members !== null && !members.some((m) => m.userId === ownerId);

  return (
    <dialog
      ref={dialog}
      className="dialog action-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      data-testid="action-dialog"
    >
      <header className="dialog__header">
        <h2 id={`${id}-title`}>{editing ? t('actions.editTitle') : t('actions.newTitle')}</h2>
        <button
          type="button"
          className="dialog__close"
          aria-label={t('actions.close')}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <form className="dialog__body action-form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('actions.field.title')}</span>
          <input
            required
            maxLength={MAX_TEXT}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="action-title"
          />
        </label>
        <div className="action-form__row">
          <label className="field">
            <span>{t('actions.field.owner')}</span>
            <select
              required
              value={ownerId}
              onChange={(e) => setOwnerId(e.target.value)}
              data-testid="action-owner"
            >
              <option value="" disabled>
                {members === null ? t('actions.loadingMembers') : t('actions.pickOwner')}
              </option>
              {ownerMissing && editing && <option value={ownerId}>{editing.ownerName}</option>}
              {members?.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name}
                  {m.department
                    ? ` (${
                        departments.find((d) => d.id === m.department)?.label[locale] ??
                        departmentLabel(m.department, locale)
                      })`
                    : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('actions.field.department')}</span>
            <select
              value={department}
              onChange={(e) => setDepartment(e.target.value)}
              data-testid="action-department"
            >
              <option value="">{t('actions.noDepartment')}</option>
              {department && !departments.some((d) => d.id === department) && (
                <option value={department}>{department}</option>
              )}
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label[locale]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="action-form__row">
          <label className="field">
            <span>{t('actions.field.due')}</span>
            <input
              type="date"
              value={due}
              onChange={(e) => setDue(e.target.value)}
              data-testid="action-due"
            />
          </label>
          <label className="field">
            <span>{t('actions.field.status')}</span>
            <select
              value={status}
              onChange={(e) => setStatus(e.target.value as ActionStatus)}
              data-testid="action-status"
            >
              {ACTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`actions.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset className="action-form__cards">
          <legend>
            {t('actions.field.cards')} ({cardIds.length})
          </legend>
          {linkable.length === 0 ? (
            <p className="muted">{t('actions.noLinkable')}</p>
          ) : (
            <ul>
              {linkable.map((card) => (
                <li key={card.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={cardIds.includes(card.id)}
                      disabled={!cardIds.includes(card.id) && cardIds.length >= MAX_CARDS}
                      onChange={(e) => toggleCard(card.id, e.target.checked)}
                      data-card-id={card.id}
                    />
                    <span>
                      {cardLine(card.text) || t('map.cardPlaceholder')}
                      <span className="muted"> — {describe(card)}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <fieldset className="action-form__kpi">
          <legend>{t('actions.field.kpi')}</legend>
          <div className="action-form__row">
            <label className="field">
              <span>{t('actions.field.kpiSource')}</span>
              <select
                value={kpiChoice}
                onChange={(e) => setKpiChoice(e.target.value as KpiChoice)}
                data-testid="action-kpi"
              >
                <option value="none">{t('actions.kpi.none')}</option>
                {kpiCards.map((card) => (
                  <option key={card.id} value={`card:${card.id}`}>
                    {cardLine(card.text)}
                  </option>
                ))}
                <option value="typed">{t('actions.kpi.typed')}</option>
              </select>
            </label>
            {kpiChoice === 'typed' && (
              <label className="field">
                <span>{t('actions.field.kpiName')}</span>
                <input
                  required
                  maxLength={MAX_TEXT}
                  value={kpiName}
                  onChange={(e) => setKpiName(e.target.value)}
                  data-testid="action-kpi-name"
                />
              </label>
            )}
            {kpiChoice !== 'none' && (
              <label className="field">
                <span>{t('actions.field.kpiTarget')}</span>
                <input
                  required
                  maxLength={MAX_TEXT}
                  value={kpiTarget}
                  onChange={(e) => setKpiTarget(e.target.value)}
                  placeholder={t('actions.kpi.targetExample')}
                  data-testid="action-kpi-target"
                />
              </label>
            )}
          </div>
          {kpiCards.length === 0 && <p className="muted">{t('actions.kpi.noLane')}</p>}
        </fieldset>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="action-form__buttons">
          <button type="submit" className="primary" disabled={saving} data-testid="action-save">
            {editing ? t('actions.save') : t('actions.create')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('actions.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
