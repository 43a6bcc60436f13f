/** One dispatched server-sent event. */
export interface ServerSentEvent {
  /** `event:` field; "message" when absent, as EventSource does. */
  type: string;
  data: string;
}

/**
 * The text/event-stream format (WHATWG HTML §9.2.6), fed chunk by chunk: lines may be split
 * across chunks, end in \n, \r\n or \r, and an event ends at a blank line. Comment lines
 * (`: keep-alive`) are skipped; `id:` and `retry:` are not needed by the grid and ignored.
 */
export class ServerSentEventParser {
  private buffer = '';
  private type = '';
  private data: string[] = [];
  private isAfterCarriageReturn = false;

  push(chunk: string): ServerSentEvent[] {
    let text = chunk;
    // A \r\n split across two chunks must not count as two line ends.
    if (this.isAfterCarriageReturn && text.startsWith('\n')) text = text.slice(1);
    this.isAfterCarriageReturn = text.endsWith('\r');
    this.buffer += text;
    const events: ServerSentEvent[] = [];
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    for (const line of lines) {
      const event = this.readLine(line);
      if (event) events.push(event);
    }
    return events;
  }

  private readLine(line: string): ServerSentEvent | undefined {
    if (line === '') {
      if (this.data.length === 0) {
        this.type = '';
        return undefined;
      }
      const event = { type: this.type || 'message', data: this.data.join('\n') };
      this.type = '';
      this.data = [];
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.type = value;
    else if (field === 'data') this.data.push(value);
    return undefined;
  }
}
