/** A reply as the conversation layer sees it; the channel turns it into a Zalo payload. */
export type Button =
  | { kind: "query"; title: string; payload: string }
  | { kind: "url"; title: string; url: string }
  | { kind: "phone"; title: string; phone: string };

export interface OutgoingMessage {
  text: string;
  buttons?: Button[];
}

export const MAX_BUTTONS = 5;
