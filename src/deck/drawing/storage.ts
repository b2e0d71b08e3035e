// Drawings kept across reloads in local storage, per deck and per build: every file:// page
// shares one origin, and a rebuilt deck may have different slides under the same keys.
import type { DrawingDocument } from "../../shared/drawing-format.ts";

export interface DrawingStore {
  /** the stored document as parsed JSON (unchecked), or undefined */
  read(): unknown;
  write(doc: DrawingDocument): void;
}

/** The store for a deck (its name) and build (its id). Storage that refuses (private
 * windows, a full quota) keeps nothing and says so once on the console. */
export function drawingStore(storage: Storage | undefined, deckName: string, buildId: string): DrawingStore {
  const key = `backprop-deck:drawings:${deckName}:${buildId}`;
  const warned = { yes: false };
  const warn = (error: unknown): void => {
    if (!warned.yes) console.warn(`drawings are not kept across reloads here: ${String(error)}`);
    warned.yes = true;
  };
  return {
    read() {
      try {
        const text = storage?.getItem(key);
        return text ? (JSON.parse(text) as unknown) : undefined;
      } catch (error) {
        warn(error);
        return undefined;
      }
    },
    write(doc) {
      try {
        if (Object.keys(doc.slides).length === 0) storage?.removeItem(key);
        else storage?.setItem(key, JSON.stringify(doc));
      } catch (error) {
        warn(error);
      }
    },
  };
}
