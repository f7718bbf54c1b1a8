import type { CHasilKwk } from '@titip/election';

/**
 * The numbers of a correction (revision 2): one valid vote moved from the paslon with the most votes to the next
 * paslon (by id), so every total and every rule of the form still holds; the same form when there is nothing to move.
 */
export function correctedForm(form: CHasilKwk): CHasilKwk {
  const ids = Object.keys(form.suara.paslon).sort();
  if (ids.length < 2) return form;
  const from = ids.reduce((best, id) => (form.suara.paslon[id]! > form.suara.paslon[best]! ? id : best), ids[0]!);
  if (form.suara.paslon[from]! === 0) return form;
  const to = ids[(ids.indexOf(from) + 1) % ids.length]!;
  const paslon = { ...form.suara.paslon, [from]: form.suara.paslon[from]! - 1, [to]: form.suara.paslon[to]! + 1 };
  return { ...form, suara: { ...form.suara, paslon } };
}
