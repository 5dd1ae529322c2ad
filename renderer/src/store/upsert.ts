/** A list with `item` in place of the entry with its id, or appended when new. */
export const upsertById = <T extends { id: string }>(items: readonly T[] | null, item: T): T[] => {
  const list = items ?? [];
  return list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item];
};
