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

  /** The top-left cell of the board: first lane, first stage. */
  firstCell(): Locator {
    return this.page.getByTestId('cell').first();
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

  /** The card with this id. */
  cardById(id: string): Locator {
    return this.page.locator(`[data-testid="card"][data-card-id="${id}"]`);
  }

  /** The id of the (first) card showing `text`. */
  async cardId(text: string): Promise<string> {
    const id = await this.card(text).first().getAttribute('data-card-id');
    expect(id, `card "${text}"`).toBeTruthy();
    return id ?? '';
  }

  /** Opens a card's rich-text editor by clicking its text; returns the text box. */
  async openEditor(card: Locator): Promise<Locator> {
    await card.getByTestId('card-text').click();
    const box = card.getByRole('textbox');
    // The caret is placed (at the end) a tick after the editor mounts.
    await expect(card.getByTestId('rich-editor')).toHaveAttribute('data-ready', 'true');
    await expect(box).toBeFocused();
    return box;
  }

  /** Replaces a card's text. */
  async editCard(oldText: string, newText: string): Promise<void> {
    await this.card(oldText).locator('.card__text').click();
    const input = this.page.getByTestId('card').getByRole('textbox');
    await input.fill(newText);
    await input.blur();
  }

  /** The header of the stage whose name contains `name`. */
  stage(name: string): Locator {
    return this.page.getByTestId('stage').filter({ hasText: name });
  }

  /** The header of the lane whose title contains `title`. */
  lane(title: string): Locator {
    return this.page.getByTestId('lane').filter({ hasText: title });
  }

  /** The cards shown in the column of the stage named `name`. */
  async stageCards(name: string): Promise<Locator> {
    const stageId = await this.stage(name).first().getAttribute('data-stage-id');
    expect(stageId, `stage "${name}"`).toBeTruthy();
    return this.page.locator(
      `[data-testid="cell"][data-stage-id="${stageId}"] [data-testid="card"]`,
    );
  }

  /** Adds a stage at the end of the map with "Add stage". */
  async addStage(name: string): Promise<void> {
    await this.page.getByRole('button', { name: /^(Añadir etapa|Add stage)$/ }).click();
    const form = this.page.getByRole('dialog', { name: /^(Añadir etapa|Add stage)$/ });
    await form.getByLabel(/^(Nombre de la etapa|Stage name)$/).fill(name);
    await form.getByRole('button', { name: /^(Añadir|Add)$/ }).click();
    await expect(form).toHaveCount(0);
  }

  /** Adds a lane at the bottom with "Add lane", choosing its kind by its label. */
  async addLane(kindLabel: string, title: string): Promise<void> {
    await this.page.getByRole('button', { name: /^(Añadir carril|Add lane)$/ }).click();
    const form = this.page.getByRole('dialog', { name: /^(Añadir carril|Add lane)$/ });
    await form
      .getByRole('combobox', { name: /^(Tipo de carril|Lane kind)$/ })
      .selectOption({ label: kindLabel });
    await form.getByLabel(/^(Título del carril|Lane title)$/).fill(title);
    await form.getByRole('button', { name: /^(Añadir|Add)$/ }).click();
    await expect(form).toHaveCount(0);
  }

  /** Opens the menu of the stage named `name` and returns it. */
  async openStageMenu(name: string): Promise<Locator> {
    await this.stage(name)
      .getByRole('button', { name: /^(Opciones de la etapa|Stage options)/ })
      .click();
    const menu = this.page.getByTestId('stage-menu');
    await expect(menu).toBeVisible();
    return menu;
  }

  /** Deletes a stage through its menu; returns the confirmation question it asked. */
  async deleteStage(name: string): Promise<string> {
    const menu = await this.openStageMenu(name);
    await menu.getByRole('button', { name: /^(Eliminar la etapa|Delete stage)/ }).click();
    const question = (await menu.getByRole('alert').textContent()) ?? '';
    await menu.getByRole('button', { name: /^(Eliminar|Delete)$/ }).click();
    return question;
  }

  /** Opens the details panel of the card showing `text` and returns it. */
  async openCardDetails(text: string): Promise<Locator> {
    await this.card(text)
      .getByRole('button', { name: /^(Detalles de la tarjeta|Card details)/ })
      .click();
    const details = this.page.getByTestId('card-details');
    await expect(details).toBeVisible();
    return details;
  }

  /** Closes the open details panel or menu with Escape. */
  async closePopover(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.page.locator('.popover')).toHaveCount(0);
  }

  /** Picks an emotion in a card's details panel by its label, e.g. /Muy bien|Very good/. */
  async setEmotion(text: string, label: RegExp): Promise<void> {
    const details = await this.openCardDetails(text);
    const face = details.getByRole('button', { name: label });
    await face.click();
    await expect(face).toHaveAttribute('aria-pressed', 'true');
    await this.closePopover();
  }

  /** Sets the four priority factors (1..5) in a card's details panel; returns the panel. */
  async setPriority(
    text: string,
    factors: {
      timeToFix: number;
      costToFix: number;
      customerImpact: number;
      businessImpact: number;
    },
  ): Promise<Locator> {
    const details = await this.openCardDetails(text);
    const names = {
      timeToFix: /^(Tiempo de arreglo|Time to fix)$/,
      costToFix: /^(Coste de arreglo|Cost to fix)$/,
      customerImpact: /^(Impacto en el cliente|Customer impact)$/,
      businessImpact: /^(Impacto en el negocio|Business impact)$/,
    } as const;
    for (const key of ['timeToFix', 'costToFix', 'customerImpact', 'businessImpact'] as const) {
      const option = details
        .getByRole('group', { name: names[key] })
        .getByRole('button', { name: String(factors[key]), exact: true });
      await option.click();
      await expect(option).toHaveAttribute('aria-pressed', 'true');
    }
    return details;
  }

  /** A badge on the card showing `text`: emotion, channel, priority, mot or department. */
  badge(text: string, kind: 'emotion' | 'channel' | 'priority' | 'mot' | 'department'): Locator {
    return this.card(text).locator(`.badge--${kind}`);
  }

  /** Puts a card from the "unplaced" tray back into the cell of `stageName` x `laneTitle`. */
  async placeUnplaced(text: string, stageName: string, laneTitle: string): Promise<void> {
    const stageId = await this.stage(stageName).first().getAttribute('data-stage-id');
    const laneId = await this.lane(laneTitle).first().getAttribute('data-lane-id');
    expect(stageId && laneId, `cell ${stageName} x ${laneTitle}`).toBeTruthy();
    await this.page
      .getByTestId('unplaced-card')
      .filter({ hasText: text })
      .getByRole('button', { name: /^(Colocar la tarjeta|Place the card)/ })
      .click();
    const form = this.page.getByRole('dialog', { name: /^(Colocar la tarjeta|Place the card)/ });
    await form.getByRole('combobox', { name: /^(Etapa|Stage)$/ }).selectOption(stageId ?? '');
    await form.getByRole('combobox', { name: /^(Carril|Lane)$/ }).selectOption(laneId ?? '');
    await form.getByRole('button', { name: /^(Colocar aquí|Place here)$/ }).click();
  }
}
