import { expect, type Page } from '@playwright/test';
import type { Person } from '../support/accounts.ts';

/** Page object for the login and sign-up pages (labels in Spanish or English). */
export class AuthPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Fills and submits the sign-up form. */
  async signUp(who: Person, departmentLabel: string): Promise<void> {
    await expect(this.page).toHaveURL(/\/signup/);
    await this.page.getByLabel(/^(Nombre y apellidos|Full name)$/).fill(who.name);
    await this.page
      .getByRole('combobox', { name: /^(Departamento|Department)/ })
      .selectOption({ label: departmentLabel });
    await this.page.getByLabel(/^(Correo electrónico|Email)$/).fill(who.email);
    await this.page.getByLabel(/^(Contraseña|Password)$/).fill(who.password);
    await this.page.getByRole('button', { name: /^(Crear cuenta|Create account)$/ }).click();
  }

  /** Fills and submits the login form. */
  async logIn(email: string, password: string): Promise<void> {
    await expect(this.page).toHaveURL(/\/login/);
    await this.page.getByLabel(/^(Correo electrónico|Email)$/).fill(email);
    await this.page.getByLabel(/^(Contraseña|Password)$/).fill(password);
    await this.page.getByRole('button', { name: /^(Entrar|Sign in)$/ }).click();
  }

  /** The error shown under the form. */
  error() {
    return this.page.getByRole('alert');
  }
}
