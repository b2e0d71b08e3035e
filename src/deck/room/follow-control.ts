// The audience's way back: when a student browses away from the presenter's place, a
// visible button (and a polite announcement) offers to return to it and follow again.
export class FollowControl {
  private readonly root = document.createElement("div");
  private readonly button = document.createElement("button");
  private readonly announce = document.createElement("p");
  private wasFollowing = true;

  /** `key`: the key that does the same, if one is bound */
  constructor(parent: HTMLElement, onFollow: () => void, key?: string) {
    this.root.className = "room-follow";
    this.button.type = "button";
    this.button.hidden = true;
    if (key) this.button.setAttribute("aria-keyshortcuts", key);
    this.button.addEventListener("click", onFollow);
    // Enter or Space on the button is the button's, not reveal.js's next-slide key
    this.button.addEventListener("keydown", (event) => event.stopPropagation());
    this.announce.className = "room-sr-only";
    this.announce.setAttribute("role", "status");
    this.root.append(this.button, this.announce);
    parent.append(this.root);
  }

  /** `slide`: the number of the presenter's slide, when known — asked only while the button
   * shows (finding it costs a look through the whole deck). */
  update(following: boolean, slide: () => number | undefined): void {
    this.button.hidden = following;
    if (!following) {
      const number = slide();
      this.button.textContent = number === undefined ? "Follow the presenter" : `Follow the presenter (slide ${number})`;
    }
    if (following !== this.wasFollowing) {
      this.announce.textContent = following ? "Following the presenter." : "You are browsing on your own. The Follow the presenter button takes you back.";
      this.wasFollowing = following;
    }
  }

  remove(): void {
    this.root.remove();
  }
}
