import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the members dialog of an open map. */
export class MembersDialogPage {
  readonly page: Page;
  readonly dialog: Locator;

  constructor(page: Page) {
    this.page = page;
    this.dialog = page.getByRole('dialog');
  }

  /** Opens the dialog from the map's top bar. */
  async open(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Miembros|Members)$/ }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** The row of the member with this name (matched on the name, not on "role changed by …"). */
  member(name: string): Locator {
    const nameCell = this.page.locator('.members__name', { hasText: name });
    return this.dialog.getByTestId('member').filter({ has: nameCell });
  }

  /** Adds someone by email with a role (the role's visible label). */
  async add(email: string, roleLabel: string): Promise<void> {
    await this.dialog
      .getByLabel(/^(Correo de una persona con cuenta|Email of someone with an account)$/)
      .fill(email);
    await this.dialog
      .locator('form')
      .first()
      .getByRole('combobox')
      .selectOption({ label: roleLabel });
    await this.dialog.getByRole('button', { name: /^(Añadir|Add)$/ }).click();
  }

  /** Changes a member's role from their row. */
  async changeRole(name: string, roleLabel: string): Promise<void> {
    await this.member(name).getByRole('combobox').selectOption({ label: roleLabel });
  }

  /** Creates an invite link and returns its URL. */
  async createInvite(roleLabel: string, days: number): Promise<string> {
    const invites = this.dialog.locator('section.invites');
    await invites.getByRole('combobox').selectOption({ label: roleLabel });
    await invites.getByRole('spinbutton').fill(String(days));
    await invites.getByRole('button', { name: /^(Crear enlace|Create link)$/ }).click();
    const url = this.dialog.getByTestId('new-invite').getByRole('textbox');
    await expect(url).toHaveValue(/\/invite\//);
    return url.inputValue();
  }

  /** The active invite links listed. */
  invites(): Locator {
    return this.dialog.getByTestId('invite');
  }

  /** Closes the dialog. */
  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: /^(Cerrar|Close)$/ }).click();
    await expect(this.dialog).toBeHidden();
  }
}
