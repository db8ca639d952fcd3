import { parseEventText, type ParsedEventText } from '../shared/eventText';
import type { OutputEvent } from './model';

/**
 * An output event whose data arrived as text: parsed as JSON on the first read of `data` or `malformed`
 * (blank text stays text). Most events of a long stream are only shown, and the panel shows the text, so
 * parsing them all up front would be most of a stream's cost.
 */
export class TextEvent implements OutputEvent {
  readonly id?: string;
  private parsed: ParsedEventText | undefined;

  constructor(
    readonly type: string,
    readonly text: string,
    id?: string,
    readonly time: Date = new Date(),
  ) {
    if (id !== undefined && id !== '') this.id = id;
  }

  get data(): unknown {
    return this.parse().data;
  }

  get malformed(): boolean {
    return this.parse().malformed;
  }

  private parse(): ParsedEventText {
    if (!this.parsed) this.parsed = parseEventText(this.text);
    return this.parsed;
  }
}
