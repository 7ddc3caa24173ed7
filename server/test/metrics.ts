/** Fetches the server's Prometheus text. */
export async function scrapeMetrics(serverUrl: string): Promise<string> {
  const response = await fetch(`${serverUrl}/metrics`);
  if (!response.ok) throw new Error(`/metrics -> ${response.status}`);
  return response.text();
}

/**
 * The value of one series in Prometheus text (labels must match exactly, in any order), or
 * undefined when the series is absent.
 */
export function metricValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = (match[2] ?? '')
      .split(/,(?=\w+=")/)
      .filter(Boolean)
      .sort()
      .join(',');
    if (found === wanted) return Number(match[3]);
  }
  return undefined;
}

/** Shorthand: scrape and read one series (0 when absent, for counters that were never touched). */
export async function readMetric(
  serverUrl: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  return metricValue(await scrapeMetrics(serverUrl), name, labels) ?? 0;
}
