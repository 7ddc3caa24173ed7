import { useMemo } from 'react';
import { Link } from 'wouter';
import {
  departmentPresence,
  laneKindLabel,
  siloLens,
  type MapView,
  type PresenceUser,
} from '../../../shared/index.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { SiloLensState } from './siloBoard.tsx';
import type { SiloDepartments } from './useSiloDepartments.ts';
import './silos.css';
import { SidePanel } from '../ui/SidePanel.tsx';

interface SiloPanelProps {
  mapId: string;
  view: MapView;
  lens: SiloLensState;
  departments: SiloDepartments;
  /** Everyone on the map now, me included. */
  present: readonly PresenceUser[];
  /** My own department, offered first in "my department". */
  myDepartment: string | null;
  onClose: () => void;
}

/** Longest piece of a card's text shown in a gap. */
const LABEL_CHARS = 60;

function shorten(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length > LABEL_CHARS ? `${line.slice(0, LABEL_CHARS - 1)}…` : line;
}

/**
 * The silo lens beside the board: per stage the departments involved (those with someone here
 * now are marked), the hand-offs from one stage to the next, and the touchpoints and pain points
 * nobody owns (also outlined on the board; each links to its card). "My department" dims the
 * board's cards that do not involve it. A side panel, not a dialog: the board stays usable.
 */
export function SiloPanel({
  mapId,
  view,
  lens,
  departments,
  present,
  myDepartment,
  onClose,
}: SiloPanelProps) {
  const { t, locale } = useI18n();
  const silo = useMemo(() => siloLens(view, departments.list), [view, departments.list]);
  // Only the departments the journey involves: someone from finance being here says nothing.
  const all = departmentPresence(present, silo.involved);
  const presence = {
    here: all.here.filter((h) => silo.involved.includes(h.department)),
    missing: all.missing,
  };
  const presentIds = new Set(presence.here.map((h) => h.department));
  const stageName = new Map(view.stages.map((s) => [s.id, s.name.trim() || t('silos.untitled')]));
  const cards = new Map(view.cards.map((c) => [c.id, c]));
  const laneKind = new Map(view.lanes.map((l) => [l.id, l.kind]));
  // "My department": the workspace's list, plus any slug found on this map only.
  const options = [
    ...departments.workspace.map((d) => d.id),
    ...silo.involved.filter((id) => !departments.workspace.some((d) => d.id === id)),
  ];
  const ordered = myDepartment
    ? [myDepartment, ...options.filter((id) => id !== myDepartment)]
    : options;

  const chip = (id: string) => {
    const here = presentIds.has(id);
    return (
      <li
        key={id}
        className={`silo-chip${here ? ' silo-chip--here' : ''}${lens.department === id ? ' silo-chip--mine' : ''}`}
        data-testid="silo-chip"
        data-department={id}
        data-present={here}
      >
        {departments.name(id)}
        {here && <span className="visually-hidden"> ({t('silos.connected')})</span>}
      </li>
    );
  };

  return (
    <SidePanel name="silo" title={t('silos.title')} closeLabel={t('silos.close')} onClose={onClose}>
      <p className="silo-panel__intro">{t('silos.intro')}</p>

      <label className="silo-panel__mine">
        <span>{t('silos.myDepartment')}</span>
        <select
          value={lens.department ?? ''}
          onChange={(event) => lens.setDepartment(event.target.value || null)}
          data-testid="silo-department"
        >
          <option value="">{t('silos.myDepartment.none')}</option>
          {ordered.map((id) => (
            <option key={id} value={id}>
              {departments.name(id)}
            </option>
          ))}
        </select>
      </label>
      {lens.department && (
        <p className="silo-panel__hint" data-testid="silo-dim-hint">
          {fill(t('silos.dimHint'), { name: departments.name(lens.department) })}
        </p>
      )}

      <section aria-labelledby="silo-session-title" data-testid="silo-session">
        <h3 id="silo-session-title" className="silo-panel__section">
          {t('silos.session')}
        </h3>
        {silo.involved.length === 0 ? (
          <p className="side-panel__empty">{t('silos.noDepartments')}</p>
        ) : (
          <>
            <p data-testid="silo-present">
              <strong>{t('silos.present')}:</strong>{' '}
              {presence.here.length === 0
                ? t('silos.nobody')
                : presence.here
                    .map((h) => `${departments.name(h.department)} (${h.people.join(', ')})`)
                    .join('; ')}
            </p>
            <p
              data-testid="silo-missing"
              className={presence.missing.length > 0 ? 'silo-panel__missing' : undefined}
            >
              <strong>{t('silos.missing')}:</strong>{' '}
              {presence.missing.length === 0
                ? t('silos.noneMissing')
                : presence.missing.map((id) => departments.name(id)).join(', ')}
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="silo-gaps-title">
        <h3 id="silo-gaps-title" className="silo-panel__section">
          {fill(t('silos.gaps'), { count: silo.gaps.length })}
        </h3>
        {silo.gaps.length === 0 ? (
          <p className="side-panel__empty">{t('silos.noGaps')}</p>
        ) : (
          <p className="silo-panel__hint">{t('silos.gapsHelp')}</p>
        )}
      </section>

      <section aria-labelledby="silo-stages-title">
        <h3 id="silo-stages-title" className="silo-panel__section">
          {t('silos.stages')}
        </h3>
        <ol className="silo-stages">
          {silo.stages.map((stage) => (
            <li key={stage.stageId} data-testid="silo-stage" data-stage-id={stage.stageId}>
              <h4 className="silo-stage__name">{stageName.get(stage.stageId)}</h4>
              {stage.departments.length === 0 ? (
                <p className="silo-stage__none">{t('silos.stageNone')}</p>
              ) : (
                <ul className="silo-chips" aria-label={t('silos.involved')}>
                  {stage.departments.map(chip)}
                </ul>
              )}
              {stage.gaps.length > 0 && (
                <ul className="silo-gaps">
                  {stage.gaps.map((id) => {
                    const card = cards.get(id);
                    const kind = card ? laneKind.get(card.laneId) : undefined;
                    const label = (card && shorten(card.text)) || t('silos.emptyCard');
                    return (
                      <li key={id}>
                        <Link
                          href={`/maps/${mapId}?card=${encodeURIComponent(id)}`}
                          className="silo-gap"
                          data-testid="silo-gap"
                          data-card-id={id}
                        >
                          <span className="silo-gap__kind">
                            {kind ? laneKindLabel(kind, locale) : ''}
                          </span>
                          <span className="silo-gap__label">«{label}»</span>
                          <span className="silo-gap__tag">{t('silos.noOwner')}</span>
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="silo-handoffs-title">
        <h3 id="silo-handoffs-title" className="silo-panel__section">
          {fill(t('silos.handoffs'), { count: silo.handoffs.length })}
        </h3>
        {silo.handoffs.length === 0 ? (
          <p className="side-panel__empty">{t('silos.noHandoffs')}</p>
        ) : (
          <ul className="silo-handoffs">
            {silo.handoffs.map((h) => (
              <li key={`${h.fromStageId}:${h.toStageId}`} data-testid="silo-handoff">
                <span className="silo-handoff__stages">
                  {stageName.get(h.fromStageId)} → {stageName.get(h.toStageId)}
                </span>
                <span className="silo-handoff__who">
                  {h.from.length > 0 ? h.from.map(departments.name).join(', ') : '—'}
                  {' → '}
                  {h.to.length > 0 ? h.to.map(departments.name).join(', ') : '—'}
                </span>
                {h.kept.length > 0 && (
                  <span className="silo-handoff__kept">
                    {fill(t('silos.kept'), { names: h.kept.map(departments.name).join(', ') })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </SidePanel>
  );
}

/** "Silos" in the map's top bar: opens the silo lens panel. */
export function SiloButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="topbar__button"
      aria-pressed={open}
      aria-controls={open ? 'silo-panel' : undefined}
      data-testid="silo-button"
      onClick={onToggle}
    >
      {t('silos.button')}
    </button>
  );
}
