import { channelLabel, type PersonaView } from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';

interface PersonaCardProps {
  persona: PersonaView;
  onEdit: (() => void) | undefined;
  onDelete: (() => void) | undefined;
}

const LISTS = [
  ['goals', 'personas.goals'],
  ['needs', 'personas.needs'],
  ['pains', 'personas.pains'],
  ['jobs', 'personas.jobs'],
] as const satisfies readonly (readonly [keyof PersonaView, MessageKey])[];

/** One persona as a profile card: who, their words, goals, needs, pains, jobs and channels. */
export function PersonaCard({ persona, onEdit, onDelete }: PersonaCardProps) {
  const { t, locale } = useI18n();
  return (
    <article className="persona" data-testid="persona">
      <header className="persona__head">
        <span className="persona__avatar" aria-hidden="true">
          {persona.name.slice(0, 1).toUpperCase()}
        </span>
        <div>
          <h3>{persona.name}</h3>
          {persona.role && <p className="persona__role">{persona.role}</p>}
        </div>
      </header>
      {persona.quote && <blockquote className="persona__quote">“{persona.quote}”</blockquote>}
      {persona.context && <p className="persona__context">{persona.context}</p>}
      {LISTS.map(([field, label]) =>
        persona[field].length > 0 ? (
          <section key={field}>
            <h4>{t(label)}</h4>
            <ul>
              {persona[field].map((item, i) => (
                <li key={i}>{item}</li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
      {persona.channels.length > 0 && (
        <section>
          <h4>{t('personas.channels')}</h4>
          <p className="persona__channels">
            {persona.channels.map((channel) => (
              <span key={channel} className="badge">
                {channelLabel(channel, locale)}
              </span>
            ))}
          </p>
        </section>
      )}
      {(onEdit || onDelete) && (
        <footer className="persona__actions">
          {onEdit && (
            <button type="button" className="link-button" onClick={onEdit}>
              {t('personas.edit')}
            </button>
          )}
          {onDelete && (
            <button type="button" className="link-button link-button--danger" onClick={onDelete}>
              {t('personas.delete')}
            </button>
          )}
        </footer>
      )}
    </article>
  );
}
