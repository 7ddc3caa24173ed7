/** What grouping needs of a map in the list. */
export interface GroupableMap {
  readonly id: string;
  readonly sourceMapId: string | null;
}

/** A map of the list with the copies made from it (its TO-BE maps), nested. */
export interface JourneyNode<T extends GroupableMap> {
  readonly map: T;
  /** The map it was copied from, when that map is in the list too. */
  readonly source: T | null;
  readonly copies: JourneyNode<T>[];
}

/**
 * Groups a journey: each map whose source is also in the list goes under that source (a TO-BE
 * under its AS-IS), keeping the list's order at every level. A map whose source is gone or not
 * mine to see stays at the top. A cycle cannot come from copying (a copy is always newer than its
 * source) but would not lose maps either: it is broken at the first map met.
 */
export function groupJourneys<T extends GroupableMap>(maps: readonly T[]): JourneyNode<T>[] {
  const byId = new Map(maps.map((m) => [m.id, m]));
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const map of maps) {
    const source = map.sourceMapId ? byId.get(map.sourceMapId) : undefined;
    if (source && source.id !== map.id) {
      const list = children.get(source.id);
      if (list) list.push(map);
      else children.set(source.id, [map]);
    } else {
      roots.push(map);
    }
  }
  const placed = new Set<string>();
  const build = (map: T, source: T | null): JourneyNode<T> => {
    placed.add(map.id);
    const copies = (children.get(map.id) ?? [])
      .filter((child) => !placed.has(child.id))
      .map((child) => build(child, map));
    return { map, source, copies };
  };
  const tree = roots.map((map) => build(map, null));
  // Maps only reachable through a cycle: shown at the top level rather than lost.
  for (const map of maps) if (!placed.has(map.id)) tree.push(build(map, null));
  return tree;
}
