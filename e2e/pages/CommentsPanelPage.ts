import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the comments panel beside a map, its top-bar toggle and the board's bubbles. */
export class CommentsPanelPage {
  readonly page: Page;
  readonly panel: Locator;
  readonly toggle: Locator;

  constructor(page: Page) {
    this.page = page;
    this.panel = page.getByTestId('comments-panel');
    this.toggle = page.getByTestId('comments-toggle');
  }

  /** Opens the panel from the top bar. */
  async open(): Promise<void> {
    await this.toggle.click();
    await expect(this.panel).toBeVisible();
  }

  /** The threads listed (with the current filters). */
  threads(): Locator {
    return this.panel.getByTestId('thread-summary');
  }

  /** The listed thread whose summary contains `text`. */
  thread(text: string | RegExp): Locator {
    return this.threads().filter({ hasText: text });
  }

  /** Opens the listed thread whose summary contains `text`. */
  async openThread(text: string | RegExp): Promise<Locator> {
    await this.thread(text).getByRole('button').click();
    const thread = this.panel.getByTestId('comment-thread');
    await expect(thread).toBeVisible();
    return thread;
  }

  /** Back from a thread to the list. */
  async backToList(): Promise<void> {
    await this.panel.getByRole('button', { name: /(Todos los comentarios|All comments)$/ }).click();
    await expect(this.panel.getByTestId('comment-thread')).toHaveCount(0);
  }

  /** The box that starts a new thread (on the anchor the list is filtered to, or the map). */
  newThreadBox(): Locator {
    return this.panel.getByTestId('new-thread-composer').getByRole('combobox');
  }

  /** The reply box of the open thread. */
  replyBox(): Locator {
    return this.panel.getByTestId('reply-composer').getByRole('combobox');
  }

  /** Every message box of the panel (none for a viewer; the filters are selects, not boxes). */
  composers(): Locator {
    return this.panel.locator('textarea');
  }

  /** The messages of the open thread. */
  messages(): Locator {
    return this.panel.getByTestId('comment-message');
  }

  /** The people the mention list offers. */
  mentionOptions(): Locator {
    return this.panel.getByRole('listbox').getByRole('option');
  }

  /** Types text into a composer (focused first) and sends it with Ctrl/Cmd+Enter. */
  async send(box: Locator, text: string): Promise<void> {
    await box.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('ControlOrMeta+Enter');
    await expect(box).toHaveValue('');
  }

  /** Picks the status filter: open (default), resolved or all. */
  async showStatus(label: string): Promise<void> {
    await this.panel.getByLabel(/^(Estado|Status)$/).selectOption({ label });
  }

  /** The comment bubble (count of open threads) inside a card, stage or lane header. */
  static bubble(container: Locator): Locator {
    return container.getByTestId('comment-bubble');
  }
}
