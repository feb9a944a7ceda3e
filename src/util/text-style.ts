/** How a text file was written (a byte order mark, CRLF line endings), so an edit writes it back the same way. */
export interface TextStyle {
  bom: boolean;
  crlf: boolean;
  /** The text without its BOM, with LF line endings. */
  body: string;
}

export function textStyle(text: string): TextStyle {
  const bom = text.startsWith('\uFEFF');
  const unmarked = bom ? text.slice(1) : text;
  const crlf = /\r\n/.test(unmarked);
  return { bom, crlf, body: crlf ? unmarked.replace(/\r\n/g, '\n') : unmarked };
}

/** An edited body written the way the original was. */
export function asWritten(body: string, style: Pick<TextStyle, 'bom' | 'crlf'>): string {
  const lines = style.crlf ? body.replace(/\r?\n/g, '\r\n') : body;
  return style.bom ? `\uFEFF${lines}` : lines;
}
