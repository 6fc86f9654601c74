/**
 * Open311 GeoReport v2 documents in the spec's two formats. The JSON is the value itself; the XML
 * follows the spec's examples: a root element, arrays as a wrapper holding one element per item
 * (services/service, service_requests/request, …), null as an empty element, UTF-8 with the XML
 * declaration.
 */
export type Open311Format = 'json' | 'xml';

export const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

/** For each array, by the name of its element, the name of one item's element. */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, value: XmlValue): string {
  if (value === null || value === undefined) return `<${name}></${name}>`;
  if (Array.isArray(value)) {
    const itemName = ITEM_NAMES[name];
    if (!itemName) throw new Error(`no Open311 item name for the array ${name}`);
    return `<${name}>${value.map((item) => element(itemName, item)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([key, item]) => element(key, item))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The document `root` holding `value`: for XML an element tree, for JSON the value unchanged. */
export function renderOpen311(format: Open311Format, root: string, value: XmlValue): string {
  if (format === 'json') return JSON.stringify(value);
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}

/** W3C date-time with the offset of China Standard Time, as the spec asks (a zone must be given). */
export function w3cDateTime(at: Date | null): string | null {
  if (at === null) return null;
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}
