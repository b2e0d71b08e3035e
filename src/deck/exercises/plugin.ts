// Exercises in the browser, as a reveal.js plugin (`Reveal.getPlugin("exercises")`): a
// student types numbers and formulas into an exercise slide, asks for hints, checks, sees
// the answer after a try, and draws new numbers by seed; on example slides they may leave
// routes out of the backward pass. What is cheap is here (hints, the TeX palette); what
// computes — src/grad, the formula checker, KaTeX — is in runtime.ts, loaded the first time
// an exercise needs it, so that slides without exercises pay nothing.
import type { RevealApi } from "reveal.js";
import "./exercises.css";
import type { ExerciseRuntime } from "./runtime.ts";

export interface ExercisesPlugin {
  id: "exercises";
  init(deck: RevealApi): void | Promise<void>;
  destroy(): void;
  /** the computing half, loaded now (tests and tools may wait for it) */
  ready(): Promise<ExerciseRuntime>;
}

export interface ExercisesOptions {
  /** the deck's KaTeX macros (from the runtime config) */
  macros: Record<string, string>;
  /** the deck's name, for the local-storage key of the student's progress */
  deckName: string;
}

/** The TeX box a palette button belongs to: the one in its exercise-formula block. */
function insertTex(button: HTMLElement): void {
  const box = button.closest(".exercise-formula")?.querySelector<HTMLTextAreaElement>("textarea.exercise-tex");
  const text = button.dataset.insert ?? "";
  if (!box) return;
  const [start, end] = [box.selectionStart ?? box.value.length, box.selectionEnd ?? box.value.length];
  box.setRangeText(text, start, end, "end");
  // inside an inserted pair of braces or parentheses, the caret goes between them
  if (/(\{\}|\(\))$/.test(text)) box.setSelectionRange(box.selectionEnd - 1, box.selectionEnd - 1);
  box.focus();
  box.dispatchEvent(new Event("input", { bubbles: true }));
}

/** The next hidden hint of the slide, shown; a hint of route N highlights that route. */
function showHint(slide: HTMLElement, button: HTMLElement): void {
  const hints = [...slide.querySelectorAll<HTMLElement>(".exercise-hint")];
  const next = hints.find((h) => h.hidden);
  if (!next) return;
  next.hidden = false;
  if (next.dataset.route) slide.classList.add(`hint-route-${next.dataset.route}`);
  const shown = hints.filter((h) => !h.hidden).length;
  button.textContent = shown === hints.length ? `Hints (${shown} of ${hints.length})` : `Hint (${shown} of ${hints.length}): another`;
  if (shown === hints.length) button.setAttribute("disabled", "");
}

export function createExercisesPlugin(options: ExercisesOptions): ExercisesPlugin {
  let runtime: Promise<ExerciseRuntime> | undefined;
  const ready = (): Promise<ExerciseRuntime> =>
    (runtime ??= import("./runtime.ts").then(({ ExerciseRuntime }) => new ExerciseRuntime(options.macros, `backprop-deck:exercises:${options.deckName}`)));
  const controller = new AbortController();
  const slideOf = (el: Element): HTMLElement | null => el.closest<HTMLElement>("section.exercise, section[data-break-routes]");
  /** reveal.js centres a slide by its height when it is shown: a slide that grew (a hint, a
   * verdict, the answer, a preview) is centred again, else what grew runs past the frame */
  let relayout = (): void => undefined;

  const onClick = (event: Event): void => {
    const target = event.target as HTMLElement;
    const button = target.closest<HTMLElement>("button");
    const slide = button && slideOf(button);
    if (!button || !slide) return;
    if (button.dataset.insert !== undefined) return insertTex(button);
    const action = button.dataset.exerciseAction;
    if (action === "hint") {
      showHint(slide, button);
      return relayout();
    }
    if (action === "check" || action === "answer" || action === "new-numbers") void ready().then((r) => r.act(slide, action)).then(relayout);
  };
  const onInput = (event: Event): void => {
    const target = event.target as HTMLElement;
    if (target.matches("textarea.exercise-tex")) void ready().then((r) => r.preview(target as HTMLTextAreaElement)).then(relayout);
    if (target.matches(".break-routes input[type=checkbox]")) void ready().then((r) => r.breakRoutes(target.closest("form")!)).then(relayout);
  };
  const onKey = (event: KeyboardEvent): void => {
    const target = event.target as HTMLElement;
    // Enter in a number blank checks the slide (Shift+Enter in a TeX box too)
    const checks = event.key === "Enter" && (target.matches("input.exercise-input, input.exercise-seed-input") || (event.shiftKey && target.matches("textarea.exercise-tex")));
    const slide = checks ? slideOf(target) : null;
    if (!slide) return;
    event.preventDefault();
    const action = target.matches(".exercise-seed-input") ? "new-numbers" : "check";
    void ready().then((r) => r.act(slide, action)).then(relayout);
  };

  return {
    id: "exercises",
    init(deck) {
      const slides = deck.getSlidesElement();
      if (!slides || !slides.querySelector("section.exercise, section[data-break-routes]")) return;
      if (/print-pdf/i.test(location.search)) {
        // on paper: a seed's numbers and the answer key, before reveal.js lays the pages out
        const query = new URLSearchParams(location.search);
        const seed = query.has("seed") ? Number(query.get("seed")) : undefined;
        if (seed === undefined && !query.has("answers")) return;
        return ready().then((r) => r.prepareForPrint(slides, seed, query.has("answers")));
      }
      relayout = () => deck.layout();
      slides.addEventListener("click", onClick, { signal: controller.signal });
      slides.addEventListener("input", onInput, { signal: controller.signal });
      slides.addEventListener("change", onInput, { signal: controller.signal });
      slides.addEventListener("keydown", onKey, { signal: controller.signal });
      // shown an exercise: load what checks it meanwhile, and say how far the chapter is
      const shown = (): void => {
        const slide = deck.getCurrentSlide() as HTMLElement | undefined;
        if (slide?.matches("section.exercise, section[data-break-routes]")) void ready().then((r) => r.shown(slide));
      };
      deck.on("slidechanged", shown);
      deck.on("ready", shown);
      shown();
    },
    destroy() {
      controller.abort();
    },
    ready,
  };
}
