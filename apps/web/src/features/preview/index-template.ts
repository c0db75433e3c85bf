import { isExactNumber } from "@outflow/pipeline/exact-number";
import type { MappingType, TemplateField } from "@outflow/schemas/api/index-template";
import type { Issue } from "@outflow/schemas/errors";
import type { useTranslations } from "next-intl";

/** The template's field problems (`preview.template`): the console's language, English for the API. */
export type TemplateT = ReturnType<typeof useTranslations<"preview.template">>;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^(?=.*:)[0-9a-fA-F:.]{2,45}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const SPACED_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
export const ISO_FORMAT = "strict_date_optional_time||epoch_millis";

type Proposal = { type: MappingType; format?: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && !isExactNumber(v);
const isGeoPoint = (v: Record<string, unknown>) => typeof v.lat === "number" && typeof v.lon === "number" && Object.keys(v).length === 2;

function proposeScalar(v: unknown): Proposal | null {
  if (typeof v === "boolean") {
    return { type: "boolean" };
  }
  if (typeof v === "number" || isExactNumber(v)) {
    const text = typeof v === "number" ? String(v) : v.rawJSON;
    return /^-?\d+$/.test(text) ? { type: "long" } : { type: "double" };
  }
  if (typeof v !== "string") {
    return null;
  }
  if (IPV4.test(v) || (IPV6.test(v) && v.split(":").length > 2)) {
    return { type: "ip" };
  }
  if (SPACED_DATE.test(v)) {
    return { type: "date", format: "yyyy-MM-dd HH:mm:ss" };
  }
  if (ISO_DATE.test(v) && !Number.isNaN(Date.parse(v))) {
    return { type: "date", format: ISO_FORMAT };
  }
  // Prose (several words, or long) is searched by words; anything else matched whole.
  return v.length > 256 || v.trim().split(/\s+/).length > 4 ? { type: "text" } : { type: "keyword" };
}

/** Two proposals for one field seen in several documents: numbers widen to double, anything else mixed is keyword. */
function merge(a: Proposal, b: Proposal): Proposal {
  if (a.type === b.type && a.format === b.format) {
    return a;
  }
  const numbers: MappingType[] = ["long", "double"];
  if (numbers.includes(a.type) && numbers.includes(b.type)) {
    return { type: "double" };
  }
  if ((a.type === "text" && b.type === "keyword") || (a.type === "keyword" && b.type === "text")) {
    return { type: "text" };
  }
  return { type: "keyword" };
}

/**
 * Field types proposed from sampled documents: `clientip: "10.1.2.3"` → ip, ISO dates → date, integers → long,
 * other numbers → double, `{lat, lon}` → geo_point, a few words → keyword, prose → text. Arrays take their elements'
 * type; nulls propose nothing. Sorted by name.
 */
export function proposeFields(documents: unknown[]): TemplateField[] {
  const out = new Map<string, Proposal>();
  const add = (name: string, p: Proposal | null) => {
    if (p) {
      const seen = out.get(name);
      out.set(name, seen ? merge(seen, p) : p);
    }
  };
  const walk = (v: unknown, name: string, depth: number) => {
    if (depth > 12) {
      return;
    }
    if (Array.isArray(v)) {
      for (const e of v) {
        walk(e, name, depth + 1);
      }
    } else if (isObject(v)) {
      if (name !== "" && isGeoPoint(v)) {
        add(name, { type: "geo_point" });
        return;
      }
      for (const [k, child] of Object.entries(v)) {
        walk(child, name === "" ? k : `${name}.${k}`, depth + 1);
      }
    } else if (name !== "") {
      add(name, proposeScalar(v));
    }
  };
  for (const d of documents) {
    if (isObject(d)) {
      walk(d, "", 0);
    }
  }
  return [...out.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, p]) => (p.format ? { name, type: p.type, format: p.format } : { name, type: p.type }));
}

/**
 * The template's `mappings` from its fields: dotted names become nested `properties`. A field that is also the parent
 * of another (`a` and `a.b`) cannot be both: an issue naming it (`fields.N.name`).
 */
export function templateMappings(fields: TemplateField[], t: TemplateT): { ok: true; mappings: Record<string, unknown> } | { ok: false; issues: Issue[] } {
  const root: Record<string, unknown> = {};
  const leaves = new Map<string, number>();
  const issues: Issue[] = [];
  fields.forEach((f, i) => {
    const parts = f.name.split(".");
    let props = root;
    for (const [depth, part] of parts.entries()) {
      const at = parts.slice(0, depth + 1).join(".");
      const last = depth === parts.length - 1;
      const existing = props[part] as { type?: string; properties?: Record<string, unknown> } | undefined;
      if (last) {
        if (existing) {
          const other = leaves.get(at);
          issues.push({
            field: `fields.${i}.name`,
            message: other !== undefined ? t("listedTwice", { name: f.name }) : t("holdsOthers", { name: f.name, type: f.type }),
          });
          return;
        }
        props[part] = f.type === "date" && f.format ? { type: "date", format: f.format } : { type: f.type };
        leaves.set(at, i);
      } else {
        if (existing && !existing.properties) {
          issues.push({ field: `fields.${i}.name`, message: t("cannotHold", { at, type: String(existing.type), name: f.name }) });
          return;
        }
        if (!existing) {
          props[part] = { properties: {} };
        }
        props = (props[part] as { properties: Record<string, unknown> }).properties;
      }
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, mappings: { properties: root } };
}

/**
 * The indices a task writes, as index patterns: a name with `{field}` references or a date split becomes a wildcard
 * there (`logs-{$.app}` → `logs-*`), a plain name stays itself.
 */
export function indexPatternOf(index: string, dateSplit: boolean): string {
  const pattern = index.replace(/\{[^}]*\}/g, "*").replace(/\*+/g, "*");
  return dateSplit && !pattern.endsWith("*") ? `${pattern}*` : pattern;
}
