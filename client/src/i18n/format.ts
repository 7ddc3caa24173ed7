/** Puts values into a message's `{placeholders}`: fill('¿Eliminar «{name}»?', { name: 'Web' }). */
export function fill(message: string, values: Readonly<Record<string, string | number>>): string {
  return message.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.hasOwn(values, key) ? String(values[key]) : whole,
  );
}
