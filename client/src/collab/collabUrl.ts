import { SCHEMA_VERSION } from '../../../shared/index.ts';

/** The collaboration WebSocket URL on the same origin as the page, announcing our map schema. */
export function collabUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/collab?schema=${SCHEMA_VERSION}`;
}
