// A connection kind's form, from its definition (issue 13): its settings and the
// secrets an admin types (not the live state the connector keeps, such as rotated
// tokens), drawn by the same form model as a node's inspector (lib/form-model.ts).
import type { AnyConnectionDefinition } from '../../../nodes/define-connection';
import { buildFormModel, type FieldModel } from '../lib/form-model';

const cache = new WeakMap<AnyConnectionDefinition, { settings: FieldModel[]; secrets: FieldModel[] }>();

/** Settings and secrets fields of a kind; secrets are never required here (empty keeps the saved one, or Weft makes it). */
export function connectionForm(def: AnyConnectionDefinition): { settings: FieldModel[]; secrets: FieldModel[] } {
  let form = cache.get(def);
  if (!form) {
    const hints = { icon: '', color: '', fields: def.fields ?? {} };
    const state = new Set(def.state ?? []);
    const settings = buildFormModel({ config: def.settings, ui: hints } as never);
    const secrets = buildFormModel({ config: def.secrets, ui: hints } as never)
      .filter((f) => !state.has(f.key) || f.required)
      .map((f) => ({ ...f, widget: 'password' as const, required: false }));
    cache.set(def, (form = { settings, secrets }));
  }
  return form;
}
