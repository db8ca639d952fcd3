import * as assert from 'assert';
import { assertValid, matchTemplate, parametersValidator, requestValidator, type Spec } from '../../support/contract';
import type { SeenRequest } from './fixture';

/**
 * Validates requests a client sent (recorded by a fixture server) against upstream specs: the route exists,
 * the query and path parameters fit their declarations, and the body fits the operation's body schema (or
 * there is none when the operation takes none). `prefix` is the base URL path to strip.
 */
export function checkRequests(seen: readonly SeenRequest[], specs: readonly Spec[], o: { prefix?: string; skip?: RegExp } = {}): number {
  let checked = 0;
  for (const r of seen) {
    const url = new URL(r.url, 'http://x');
    const path = decodeURIComponent(url.pathname.slice((o.prefix ?? '/').length - 1));
    if (o.skip?.test(path)) continue;
    const hit = specs.map((spec) => ({ spec, template: matchTemplate(spec, r.method, path) })).find((x) => x.template);
    assert.ok(hit?.template, `${r.method} ${path}: no such route in ${specs.map((s) => s.file).join(', ')}`);
    const { spec, template } = hit as { spec: Spec; template: string };
    const names = (template.match(/\{([^}]+)\}/g) ?? []).map((n) => n.slice(1, -1));
    const re = new RegExp('^' + template.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('([^/:]+)') + '/?$');
    const values = re.exec(path)?.slice(1) ?? [];
    const query: Record<string, string | string[]> = {};
    for (const k of new Set(url.searchParams.keys())) {
      const all = url.searchParams.getAll(k);
      query[k] = all.length > 1 ? all : all[0];
    }
    const declared = parametersValidator(spec, r.method, template);
    const known = Object.keys(((declared.schema as { properties: Record<string, { properties?: Record<string, unknown> }> }).properties.query?.properties) ?? {});
    for (const k of Object.keys(query)) assert.ok(known.includes(k), `${r.method} ${template}: query parameter "${k}" is not in the spec (${known.join(', ')})`);
    assertValid(declared, { path: Object.fromEntries(names.map((n, i) => [n, values[i]])), query }, `${r.method} ${path}`);
    let bodyValidator;
    try {
      bodyValidator = requestValidator(spec, r.method, template);
    } catch {
      bodyValidator = undefined;
    }
    if (bodyValidator) assertValid(bodyValidator, r.body ? JSON.parse(r.body) : undefined, `${r.method} ${path} body`);
    else assert.strictEqual(r.body, '', `${r.method} ${template} takes no body`);
    checked++;
  }
  return checked;
}
