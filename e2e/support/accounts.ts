import {
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
} from '@playwright/test';
import { MapBoardPage } from '../pages/MapBoardPage.ts';

/** A person the e2e specs sign up. */
export interface Person {
  email: string;
  password: string;
  name: string;
  department: string;
}

let counter = 0;

/** A fresh person with a unique email. */
export function person(name: string, department = 'digital'): Person {
  counter += 1;
  return {
    email: `${name.toLowerCase().replace(/\W+/g, '')}${counter}-${Date.now()}@example.test`,
    password: 'correct horse battery',
    name,
    department,
  };
}

function request(context: BrowserContext | APIRequestContext): APIRequestContext {
  return 'request' in context ? context.request : context;
}

/** Signs the person up through the API; the browser context keeps the session cookie. */
export async function signUpVia(
  context: BrowserContext,
  baseUrl: string,
  who: Person,
): Promise<void> {
  const response = await request(context).post(`${baseUrl}/api/auth/signup`, {
    headers: { Origin: baseUrl },
    data: who,
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** The id of the first map whose title contains titlePart, as the context's user sees it. */
export async function mapIdByTitle(
  context: BrowserContext,
  baseUrl: string,
  titlePart: string,
): Promise<string> {
  const response = await request(context).get(`${baseUrl}/api/maps`);
  const { maps } = (await response.json()) as { maps: { id: string; title: string }[] };
  const map = maps.find((m) => m.title.toLowerCase().includes(titlePart.toLowerCase()));
  if (!map) throw new Error(`no map titled *${titlePart}* in ${JSON.stringify(maps)}`);
  return map.id;
}

/** Adds a member to a map as the context's user (who must be its owner). */
export async function addMemberVia(
  context: BrowserContext,
  baseUrl: string,
  mapId: string,
  email: string,
  role: string,
): Promise<void> {
  const response = await request(context).post(`${baseUrl}/api/maps/${mapId}/members`, {
    headers: { Origin: baseUrl },
    data: { email, role },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** Two people in separate browsers on the Spanish demo map. */
export interface DemoMapPair {
  mapId: string;
  /** The first account on the server, hence owner of the demo maps. */
  owner: BrowserContext;
  /** A colleague the owner added with the requested role. */
  colleague: BrowserContext;
  colleagueEmail: string;
}

/**
 * Signs up the owner (first account: owns the seeded demo maps) and a colleague in two browser
 * contexts, and makes the colleague a member of the Spanish demo map with `role`.
 */
export async function twoPeopleOnDemoMap(
  browser: Browser,
  baseUrl: string,
  options: { owner: Person; colleague: Person; role: string; locale?: string },
): Promise<DemoMapPair> {
  const contextOptions = options.locale ? { locale: options.locale } : {};
  const owner = await browser.newContext(contextOptions);
  const colleague = await browser.newContext(contextOptions);
  await signUpVia(owner, baseUrl, options.owner);
  await signUpVia(colleague, baseUrl, options.colleague);
  const mapId = await mapIdByTitle(owner, baseUrl, 'viaje');
  await addMemberVia(owner, baseUrl, mapId, options.colleague.email, options.role);
  return { mapId, owner, colleague, colleagueEmail: options.colleague.email };
}

/**
 * A new person in a brand-new browser (no local copy of anything), added by the owner as viewer,
 * with the map open: what they see comes from the server alone.
 */
export async function freshViewerOnMap(
  browser: Browser,
  baseUrl: string,
  owner: BrowserContext,
  mapId: string,
): Promise<{ context: BrowserContext; board: MapBoardPage }> {
  const context = await browser.newContext();
  const viewer = person('Carla');
  await signUpVia(context, baseUrl, viewer);
  await addMemberVia(owner, baseUrl, mapId, viewer.email, 'viewer');
  const board = new MapBoardPage(await context.newPage());
  await board.open(baseUrl, mapId);
  return { context, board };
}
