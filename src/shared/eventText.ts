// How an event's text becomes data, the same in the extension (core's TextEvent, Export Output) and in the
// run panel (which receives streamed events as text and parses only the ones it shows). Pure.

export interface ParsedEventText {
  readonly data: unknown;
  /** The text is not JSON: it is kept as text and shown as such. */
  readonly malformed: boolean;
}

/** JSON when it parses; else the text, marked malformed. Blank text is not malformed (keep-alives, ends). */
export function parseEventText(text: string): ParsedEventText {
  if (text.trim() === '') return { data: text, malformed: false };
  try {
    return { data: JSON.parse(text) as unknown, malformed: false };
  } catch {
    return { data: text, malformed: true };
  }
}

/** An event as the panel carries it: its data, or the text it arrived as (parsed when first shown). */
export interface EventPayload {
  readonly data?: unknown;
  readonly text?: string;
  readonly malformed?: boolean;
}

const parsedViews = new WeakMap<EventPayload, ParsedEventText>();

/** The event's data and whether it is malformed, parsing its text once (then remembered). */
export function eventData(e: EventPayload): ParsedEventText {
  if (e.text === undefined) return { data: e.data, malformed: e.malformed === true };
  let p = parsedViews.get(e);
  if (!p) {
    p = parseEventText(e.text);
    parsedViews.set(e, p);
  }
  return p;
}
