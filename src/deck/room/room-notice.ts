// A small notice while the page is not connected to the room (reconnecting), or when its
// secret was refused; hidden while all is well.
import type { SocketStatus } from "./connection.ts";

export class RoomNotice {
  private readonly element = document.createElement("p");
  private wrongSecret = false;
  private everOpen = false;

  constructor(parent: HTMLElement) {
    this.element.className = "room-notice";
    this.element.setAttribute("role", "status");
    this.element.hidden = true;
    parent.append(this.element);
  }

  /** The message for a status, "" while connected. */
  static text(status: SocketStatus | "wrong-secret", wrongSecret: boolean, everOpen: boolean): string {
    const prefix = wrongSecret ? "Wrong secret: this page follows the presenter and cannot lead. " : "";
    // the first connection is quick and says nothing; a lost one says so
    return status === "open" || status === "wrong-secret" || !everOpen ? prefix.trim() : `${prefix}Reconnecting to the room…`;
  }

  status(status: SocketStatus | "wrong-secret"): string {
    if (status === "wrong-secret") this.wrongSecret = true;
    if (status === "open") this.everOpen = true;
    const text = RoomNotice.text(status, this.wrongSecret, this.everOpen);
    this.element.textContent = text;
    this.element.hidden = text === "";
    return text;
  }

  remove(): void {
    this.element.remove();
  }
}
