/** The collaboration WebSocket URL on the same origin as the page. */
export function collabUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/collab`;
}
