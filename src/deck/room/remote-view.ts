// The remote: the deck's own page on a phone, with the slides hidden and in their place
// large previous / next buttons, the current slide's title and speaker notes (already
// typeset in the page: aside.notes), where the deck is, and the room's timer.
import type { SocketStatus } from "./connection.ts";
import type { RoomDeck } from "./types.ts";

const DECK_EVENTS: readonly string[] = ["slidechanged", "fragmentshown", "fragmenthidden", "overviewshown", "overviewhidden"];

/** A copy of `nodes` without their ids (the page keeps the originals). */
function copyOf(nodes: Iterable<Node>): Node[] {
  return [...nodes].map((node) => {
    const copy = node.cloneNode(true);
    if (copy instanceof Element) [copy, ...copy.querySelectorAll("[id]")].forEach((el) => el.removeAttribute("id"));
    return copy;
  });
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const two = (n: number): string => String(n).padStart(2, "0");
  return s >= 3600 ? `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}` : `${two(Math.floor(s / 60))}:${two(s % 60)}`;
}

export class RemoteView {
  private readonly root = document.createElement("main");
  private readonly place = document.createElement("p");
  private readonly time = document.createElement("span");
  private readonly status = document.createElement("p");
  private readonly title = document.createElement("h1");
  private readonly notes = document.createElement("section");
  private readonly prev = document.createElement("button");
  private readonly next = document.createElement("button");
  private readonly ticker: ReturnType<typeof setInterval>;
  private renderQueued = false;
  /** after the move has settled (reveal.js renumbers a slide's steps after announcing it) */
  private readonly onMove = (): void => {
    if (this.renderQueued) return;
    this.renderQueued = true;
    queueMicrotask(() => {
      this.renderQueued = false;
      this.render();
    });
  };
  private clockStart = performance.now();
  private wrongSecret = false;
  private shown?: HTMLElement;

  constructor(private readonly deck: RoomDeck) {
    // (reveal.js was started without its scroll view for a remote: roomRevealOptions)
    document.documentElement.classList.add("room-remote-mode");
    this.root.className = "room-ui room-remote";
    this.root.setAttribute("aria-label", "Remote");
    this.root.innerHTML = `<header class="room-remote-bar"></header><nav class="room-remote-buttons" aria-label="Slides"></nav>`;
    const [bar, buttons] = [...this.root.children] as HTMLElement[];
    this.place.className = "room-remote-place";
    const clockBox = document.createElement("p");
    clockBox.className = "room-remote-clock";
    this.time.setAttribute("role", "timer");
    this.time.setAttribute("aria-label", "Time since the start");
    const reset = this.button("↺", "Restart the timer", () => (this.clockStart = performance.now()));
    clockBox.append(this.time, reset);
    const where = document.createElement("div");
    where.append(this.place, this.status);
    bar.append(where, clockBox);
    this.status.className = "room-remote-status";
    this.status.setAttribute("role", "status");
    this.title.className = "room-remote-title";
    this.notes.className = "room-remote-notes";
    this.notes.setAttribute("aria-label", "Speaker notes");
    this.notes.tabIndex = 0; // it scrolls: reachable by keyboard
    this.prev.append("Previous");
    this.next.append("Next");
    for (const [button, go] of [[this.prev, () => deck.prev()], [this.next, () => deck.next()]] as const) {
      button.type = "button";
      button.addEventListener("click", go);
      button.addEventListener("keydown", (event) => event.stopPropagation());
    }
    this.prev.setAttribute("aria-label", "Previous step");
    this.next.setAttribute("aria-label", "Next step");
    buttons.append(this.prev, this.next);
    this.root.insertBefore(this.title, buttons);
    this.root.insertBefore(this.notes, buttons);
    document.body.append(this.root);
    DECK_EVENTS.forEach((type) => deck.on(type, this.onMove));
    this.ticker = setInterval(() => (this.time.textContent = clock(performance.now() - this.clockStart)), 500);
    this.time.textContent = clock(0);
    this.render();
  }

  setClock(start: number): void {
    this.clockStart = start;
  }

  setStatus(status: SocketStatus | "wrong-secret"): void {
    if (status === "wrong-secret") this.wrongSecret = true;
    this.status.textContent = this.wrongSecret ? "Wrong secret: this remote cannot move the slides." : status === "open" ? "Connected" : "Reconnecting…";
    this.prev.disabled = this.next.disabled = this.wrongSecret;
  }

  remove(): void {
    clearInterval(this.ticker);
    DECK_EVENTS.forEach((type) => this.deck.off(type, this.onMove));
    this.root.remove();
    document.documentElement.classList.remove("room-remote-mode");
  }

  private button(text: string, label: string, onClick: () => void): HTMLButtonElement {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = text;
    button.setAttribute("aria-label", label);
    button.addEventListener("click", onClick);
    button.addEventListener("keydown", (event) => event.stopPropagation());
    return button;
  }

  private render(): void {
    const slide = this.deck.getCurrentSlide();
    const number = this.deck.getSlidePastCount() + 1;
    const { f } = this.deck.getIndices();
    const steps = new Set([...(slide?.querySelectorAll(".fragment[data-fragment-index]") ?? [])].map((el) => el.getAttribute("data-fragment-index"))).size;
    this.place.textContent = `Slide ${number} of ${this.deck.getTotalSlides()}${steps > 0 ? ` · step ${(f ?? -1) + 1} of ${steps}` : ""}`;
    const heading = slide?.querySelector("h1, h2, h3");
    this.title.replaceChildren(...(heading ? copyOf(heading.childNodes) : [`Slide ${number}`]));
    const notes = slide?.querySelector("aside.notes");
    this.notes.replaceChildren(...(notes ? copyOf(notes.childNodes) : [Object.assign(document.createElement("p"), { textContent: "No notes for this slide." })]));
    // a formula wider than the phone scrolls in its own box, which the keyboard can reach
    for (const display of this.notes.querySelectorAll<HTMLElement>(".katex-display")) if (display.scrollWidth > display.clientWidth) display.tabIndex = 0;
    if (slide !== this.shown) this.notes.scrollTop = 0; // a new slide's notes from their start
    this.shown = slide;
  }
}
