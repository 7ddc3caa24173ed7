import type * as Y from 'yjs';
import { addStage, STAGE_NAME_MAX } from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Popover } from '../ui/Popover.tsx';
import { NameForm } from './NameForm.tsx';

/** "Add stage", right of the last column: asks for the name, then appends the stage. */
export function AddStageButton({ doc }: { doc: Y.Doc }) {
  const { t } = useI18n();
  return (
    <Popover
      label={t('board.stage.add')}
      trigger={
        <>
          <span aria-hidden="true">+</span> {t('board.stage.add')}
        </>
      }
      triggerClassName="board-area__add board-area__add--stage"
      role="dialog"
      className="popover--form"
      align="end"
    >
      {(close) => (
        <NameForm
          label={t('board.stage.nameLabel')}
          placeholder={t('board.stage.namePlaceholder')}
          maxLength={STAGE_NAME_MAX}
          onSubmit={(name) => {
            addStage(doc, { name });
            close();
          }}
          onCancel={close}
        />
      )}
    </Popover>
  );
}
