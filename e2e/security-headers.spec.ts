import { expect, test, type BrowserContext } from '@playwright/test';
import { AuthPage } from './pages/AuthPage.ts';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { PersonaPanelPage } from './pages/PersonaPanelPage.ts';
import { addMemberVia, mapIdByTitle, person } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

/** What the page reported about one blocked resource or inline code. */
interface Violation {
  who: string;
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

/**
 * Collects every CSP violation the pages of a context see: the `securitypolicyviolation` DOM
 * event (reported through a binding, so navigations lose nothing) and Chromium's console errors
 * about the Content Security Policy, in case a violation has no event (e.g. in a worker).
 */
async function watchViolations(
  context: BrowserContext,
  who: string,
  into: Violation[],
): Promise<void> {
  await context.exposeBinding('__reportCspViolation', (_source, report: Omit<Violation, 'who'>) => {
    into.push({ who, ...report });
  });
  // A string, since the e2e project has no DOM typings; runs before the page's own scripts.
  await context.addInitScript(`
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__reportCspViolation({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        source: event.sourceFile + ':' + event.lineNumber,
      });
    });
  `);
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      into.push({
        who,
        directive: 'console',
        blocked: '',
        sample: message.text(),
        source: message.location().url,
      });
    }
  });
}

/** Signs a person up through the sign-up page, in a fresh Spanish browser. */
async function signUpInBrowser(
  context: BrowserContext,
  who: ReturnType<typeof person>,
  departmentLabel: string,
): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${server.url}/signup`);
  await new AuthPage(page).signUp(who, departmentLabel);
  await expect(page).toHaveURL(`${server.url}/`);
  await expect(page.getByTestId('user-name')).toHaveText(who.name);
  await page.close();
}

/** A response the browser received: its URL and every header, read as it arrived. */
interface Seen {
  url: string;
  headers: Promise<Record<string, string>>;
}

/** Asserts the security headers on a response the browser received. */
async function expectSecurityHeaders(response: Seen, socketOrigin: string): Promise<void> {
  const headers = await response.headers;
  const csp = headers['content-security-policy'] ?? '';
  expect(csp, response.url).toContain("default-src 'self'");
  expect(csp, response.url).toContain("script-src 'self'");
  expect(csp, response.url).toContain("style-src 'self';");
  expect(csp, response.url).toContain("frame-ancestors 'none'");
  expect(csp, response.url).toContain(`connect-src 'self' ${socketOrigin}`);
  expect(headers['x-content-type-options'], response.url).toBe('nosniff');
  expect(headers['referrer-policy'], response.url).toBe('no-referrer');
  // Plain http://127.0.0.1, no https PUBLIC_URL: no HSTS.
  expect(headers['strict-transport-security'], response.url).toBeUndefined();
}

test('the app runs under its Content-Security-Policy: sign-up, the demo map, a bold card two people edit and the personas panel report no violation', async ({
  browser,
}) => {
  const violations: Violation[] = [];
  const responses: Seen[] = [];
  const ana = await browser.newContext({ locale: 'es-ES' });
  const beto = await browser.newContext({ locale: 'es-ES' });
  await watchViolations(ana, 'Ana', violations);
  await watchViolations(beto, 'Beto', violations);
  ana.on('response', (response) => {
    responses.push({ url: response.url(), headers: response.allHeaders() });
  });

  const anaPerson = person('Ana', 'marketing');
  const betoPerson = person('Beto', 'contact-centre');
  await signUpInBrowser(ana, anaPerson, 'Marketing');
  await signUpInBrowser(beto, betoPerson, 'Centro de contacto');
  const mapId = await mapIdByTitle(ana, server.url, 'viaje');
  await addMemberVia(ana, server.url, mapId, betoPerson.email, 'editor');

  const anaBoard = new MapBoardPage(await ana.newPage());
  const betoBoard = new MapBoardPage(await beto.newPage());
  await anaBoard.open(server.url, mapId);
  await betoBoard.open(server.url, mapId);

  // A card, written in bold, with the colleague's caret in it.
  await anaBoard.addCard(anaBoard.firstCell(), 'tarjeta segura');
  const id = await anaBoard.cardId('tarjeta segura');
  await anaBoard.openEditor(anaBoard.cardById(id));
  await anaBoard.page.keyboard.press('Enter');
  await anaBoard.page.keyboard.press('Control+b');
  await anaBoard.page.keyboard.type('importante');
  await anaBoard.page.keyboard.press('Control+b');
  await expect(anaBoard.cardById(id).locator('strong')).toHaveText('importante');
  await betoBoard.openEditor(betoBoard.cardById(id));
  await betoBoard.page.keyboard.press('Shift+ArrowLeft');
  await expect(anaBoard.cardById(id).getByTestId('remote-caret')).toContainText('Beto');
  await expect(betoBoard.cardById(id).getByTestId('remote-caret')).toContainText('Ana');
  // Beto's selection shows on Ana's side as a decoration with a style (set via the CSSOM).
  await expect(
    anaBoard.cardById(id).locator('.ProseMirror-yjs-selection[style*="background"]'),
  ).not.toHaveCount(0);
  await betoBoard.page.keyboard.press('Escape');
  await anaBoard.page.keyboard.press('Escape');
  await expect(betoBoard.cardById(id).locator('strong')).toHaveText('importante');

  // The personas panel, on both sides.
  const anaPersonas = new PersonaPanelPage(anaBoard.page);
  await anaPersonas.open();
  await new PersonaPanelPage(betoBoard.page).open();
  await expect(anaPersonas.panel.getByRole('article').first()).toBeVisible();

  // The page, its Vite script and stylesheet, and the API all came with the headers.
  const socketOrigin = `ws://${new URL(server.url).host}`;
  const kinds: Record<string, (r: Seen) => boolean> = {
    page: (r) => r.url === `${server.url}/maps/${mapId}`,
    script: (r) => /\/assets\/[^/]+\.js$/.test(r.url),
    stylesheet: (r) => /\/assets\/[^/]+\.css$/.test(r.url),
    api: (r) => r.url.startsWith(`${server.url}/api/`),
  };
  for (const [kind, matches] of Object.entries(kinds)) {
    const response = responses.find(matches);
    expect(response, `a ${kind} response`).toBeDefined();
    if (response) await expectSecurityHeaders(response, socketOrigin);
  }

  expect(violations).toEqual([]);
  await Promise.all([ana.close(), beto.close()]);
});
