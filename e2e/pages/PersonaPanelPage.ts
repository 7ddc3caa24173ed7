import { expect, type Locator, type Page } from '@playwright/test';

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
    return this.panel
      .getByTestId('persona')
      .filter({ has: this.page.getByRole('heading', { name }) });
  }

  /** Edits a persona's quote and saves. */
  async editQuote(name: string, quote: string): Promise<void> {
    await this.persona(name)
      .getByRole('button', { name: /^(Editar|Edit)$/ })
      .click();
    const form = this.panel.getByTestId('persona-form');
    await form.getByLabel(/^(Cita|Quote)/).fill(quote);
    await form.getByRole('button', { name: /^(Guardar|Save)$/ }).click();
    await expect(form).toHaveCount(0);
  }
}
