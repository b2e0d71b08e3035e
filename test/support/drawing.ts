// Driving the drawing layer (src/deck/drawing/) from tests as a presenter does: the mouse,
// in slide coordinates (the 1280×720 frame, wherever reveal.js scaled it to).
import type { Page } from "playwright-core";
import type { DrawingDocument } from "../../src/shared/drawing-format.ts";

/** Turns drawing mode on or off with the toolbar button, and waits for the layer to say so. */
export async function toggleDrawing(page: Page, on: boolean): Promise<void> {
  if ((await page.locator(".drawing-toggle").getAttribute("aria-pressed")) !== String(on)) await page.click(".drawing-toggle");
  await page.waitForSelector(on ? ".drawing-layer.drawing-active" : ".drawing-layer:not(.drawing-active)", { state: "attached" });
}

/** A mouse drag from one point of the slide to another (slide coordinates), in steps. */
export async function drawStroke(page: Page, from: [number, number], to: [number, number], steps = 12): Promise<void> {
  const frame = (await page.locator(".reveal .slides").boundingBox())!;
  const scale = frame.width / 1280;
  const at = ([x, y]: [number, number]): [number, number] => [frame.x + x * scale, frame.y + y * scale];
  await page.mouse.move(...at(from));
  await page.mouse.down();
  await page.mouse.move(...at(to), { steps });
  await page.mouse.up();
}

/** One stroke from `from` to `to` with the mouse, the drawing mode turned on for it and off
 * again (a presenter who draws, then goes on with the slides). */
export async function strokeWithMouse(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  await toggleDrawing(page, true);
  await drawStroke(page, from, to);
  await toggleDrawing(page, false);
}

export function drawingOf(page: Page): Promise<DrawingDocument> {
  return page.evaluate(() => (window as unknown as { Reveal: { getPlugin(id: string): { toJSON(): DrawingDocument } } }).Reveal.getPlugin("drawing").toJSON());
}

/** How many strokes the layer draws on the current slide now. */
export function shownStrokes(page: Page): Promise<number> {
  return page.locator(".drawing-layer path.drawing-stroke").count();
}
