import { expect, type Locator, type Page } from '@playwright/test';

/** The map page's top bar, which at 640 px and less is one line with a Menu holding its actions. */
export class TopBarPage {
  readonly menuButton: Locator;
  readonly menu: Locator;

  constructor(page: Page) {
    this.menuButton = page.getByTestId('map-menu-button');
    this.menu = page.getByTestId('map-menu');
  }

  /**
   * Makes the top bar's actions reachable: on a phone opens the Menu (unless it is open already);
   * on a wider window they are in the bar and there is nothing to do.
   */
  async reveal(): Promise<void> {
    if (!(await this.menuButton.isVisible())) return;
    if ((await this.menuButton.getAttribute('aria-expanded')) === 'true') return;
    await this.menuButton.click();
    await expect(this.menu).toBeVisible();
  }
}
