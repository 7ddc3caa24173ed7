import { expect, type Locator, type Page } from '@playwright/test';

/** A persona field written with the rich-text editor. */
export type ProseField = 'quote' | 'goals' | 'needs' | 'pains' | 'jobs';

/** Page object for the personas panel beside a map. */
export class PersonaPanelPage {
  readonly page: Page;
  readonly panel: Locator;

  constructor(page: Page) {
    this.page = page;
    this.panel = page.getByTestId('persona-panel');
  }

  /** Opens the panel from the top bar. */
  async open(): Promise<void> {
    await this.page.getByRole('button', { name: /^Personas/ }).click();
    await expect(this.panel).toBeVisible();
  }

  /** The profile card of a persona. */
  persona(name: string): Locator {
    return this.panel.getByRole('article', { name, exact: true });
  }

  /** One prose field of a persona (its text, or its editor while open). */
  field(name: string, field: ProseField): Locator {
    return this.persona(name).locator(`[data-testid="persona-field"][data-field="${field}"]`);
  }

  /** The text of a prose field as shown (not editing), whitespace collapsed. */
  async fieldText(name: string, field: ProseField): Promise<string> {
    const text = await this.field(name, field).getByTestId('persona-prose').innerText();
    return text.replace(/\s+/g, ' ').trim();
  }

  /** Opens a prose field's editor by clicking its text; returns its text box, focused. */
  async openField(name: string, field: ProseField): Promise<Locator> {
    await this.field(name, field).getByTestId('persona-prose').click();
    return this.expectEditorOpen(name, field);
  }

  /** Waits until the field's editor has placed the caret; returns its text box. */
  async expectEditorOpen(name: string, field: ProseField): Promise<Locator> {
    const box = this.field(name, field).getByRole('textbox');
    await expect(this.field(name, field).getByTestId('rich-editor')).toHaveAttribute(
      'data-ready',
      'true',
    );
    await expect(box).toBeFocused();
    return box;
  }

  /** Replaces the text of a prose field from the keyboard and leaves it with Escape. */
  async writeField(name: string, field: ProseField, text: string): Promise<void> {
    await this.openField(name, field);
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Escape');
    await expect(this.field(name, field).getByTestId('rich-editor')).toHaveCount(0);
  }

  /** Opens the form of a persona's name, role, context and channels. */
  async openProfileForm(name: string): Promise<Locator> {
    await this.persona(name)
      .getByRole('button', { name: /^(Editar perfil|Edit profile)$/ })
      .click();
    const form = this.persona(name).getByTestId('persona-form');
    await expect(form).toBeVisible();
    return form;
  }
}
