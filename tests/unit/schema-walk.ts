/**
 * Reading a zod 4 schema's structure, for tests that derive inputs from the contract itself (so channels added later
 * are covered without new samples).
 */
export type Def = {
  type: string;
  shape?: Record<string, unknown>;
  options?: unknown[];
  in?: unknown;
  innerType?: unknown;
  values?: unknown[];
  entries?: Record<string, unknown>;
};

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** The schema under optional/default/pipe wrappers: what the value itself must be. */
export function unwrap(schema: unknown): Def {
  const def = defOf(schema);
  if (def.type === 'pipe') return unwrap(def.in);
  if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch'].includes(def.type)) return unwrap(def.innerType);
  return def;
}

/** The object shapes an input may take (one, or one per member of a union). */
export function objectShapes(schema: unknown): Record<string, unknown>[] {
  const def = unwrap(schema);
  if (def.type === 'object') return [def.shape ?? {}];
  if (def.type === 'union') return (def.options ?? []).flatMap(objectShapes);
  return [];
}
