import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for one open journey map. */
export class MapBoardPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Opens the map at baseUrl/maps/:id and waits until the board is shown and connected. */
  async open(baseUrl: string, mapId: string): Promise<void> {
    await this.page.goto(`${baseUrl}/maps/${mapId}`);
    await expect(this.page.getByRole('grid')).toBeVisible();
    await this.expectConnected();
  }

  /** The connection badge says connected. */
  async expectConnected(): Promise<void> {
    await expect(this.page.getByTestId('connection')).toHaveAttribute('data-status', 'connected', {
      timeout: 20_000,
    });
  }

  /** Every local change has been acknowledged by the server. */
  async expectAllSynced(): Promise<void> {
    await expect(this.page.getByTestId('unsynced')).toHaveAttribute('data-count', '0');
  }

  /** The cell of the lane whose header shows laneTitle, in the stage whose header shows stageName. */
  async cell(laneTitle: string, stageName: string): Promise<Locator> {
    const laneId = await this.page
      .getByTestId('lane')
      .filter({ hasText: laneTitle })
      .first()
      .getAttribute('data-lane-id');
    const stageId = await this.page
      .getByTestId('stage')
      .filter({ hasText: stageName })
      .first()
      .getAttribute('data-stage-id');
    expect(laneId, `lane "${laneTitle}"`).toBeTruthy();
    expect(stageId, `stage "${stageName}"`).toBeTruthy();
    return this.page.locator(
      `[data-testid="cell"][data-lane-id="${laneId}"][data-stage-id="${stageId}"]`,
    );
  }

  /** Adds a card in a cell and types its text. */
  async addCard(cell: Locator, text: string): Promise<void> {
    await cell.getByRole('button', { name: /^(Añadir tarjeta|Add card)/ }).click();
    const input = cell.getByRole('textbox');
    await input.fill(text);
    await input.blur();
  }

  /** A card showing the text. */
  card(text: string): Locator {
    return this.page.getByTestId('card').filter({ hasText: text });
  }

  /** Replaces a card's text. */
  async editCard(oldText: string, newText: string): Promise<void> {
    await this.card(oldText).getByRole('button').click();
    const input = this.page.getByTestId('card').getByRole('textbox');
    await input.fill(newText);
    await input.blur();
  }
}
