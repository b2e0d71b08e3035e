// The presenter's controls on live examples: moving an input recomputes every number the
// example shows (see live-render.ts) and marks the ones that changed; an input back at the
// case's value (or merely touched) changes nothing; reset puts back the numbers the build
// computed, which are also what the PDF prints.
import { escapeHtml } from "../shared/html.ts";

export function wireLiveExamples(doc: Document): void {
  for (const example of doc.querySelectorAll<HTMLElement>(".live-example:not([data-wired])")) {
    example.dataset.wired = "true"; // the dev server re-wires after an update: once each
    const form = example.querySelector<HTMLFormElement>("form.live-controls");
    const values = example.querySelector<HTMLElement>(".live-values");
    if (!form || !values) continue;
    const original = values.innerHTML;
    let pending = 0;
    let generation = 0;

    /** The inputs the presenter moved away from the case's own value (the build checked
     * that each slider can show that value exactly). */
    const showInputs = (): Record<string, number> => {
      const changes: Record<string, number> = {};
      for (const input of form.querySelectorAll<HTMLInputElement>("input[data-path]")) {
        if (Number(input.value) !== Number(input.defaultValue)) changes[input.dataset.path!] = Number(input.value);
        const output = input.nextElementSibling;
        if (output) output.textContent = input.value;
      }
      return changes;
    };

    const restore = (): void => {
      values.innerHTML = original;
      example.classList.remove("live-changed");
    };

    const recompute = async (): Promise<void> => {
      const mine = ++generation;
      const changes = showInputs();
      if (Object.keys(changes).length === 0) return restore();
      example.classList.add("live-busy");
      try {
        const { loadLiveExample, showLiveExample } = await import("./live-render.ts");
        const live = await loadLiveExample(example.dataset.live!);
        if (mine !== generation) return; // a later input wins
        showLiveExample(values, live, changes);
        example.classList.add("live-changed");
      } catch (error) {
        values.querySelector(".deck-error")?.remove(); // one message, the latest
        values.insertAdjacentHTML("beforeend", `<p class="deck-error">${escapeHtml(String((error as Error).message))}</p>`);
      } finally {
        example.classList.remove("live-busy");
      }
    };

    form.addEventListener("input", () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => void recompute());
    });
    form.addEventListener("reset", () => {
      generation++;
      // the form resets its inputs after this event: show their values then
      setTimeout(() => {
        showInputs();
        restore();
      });
    });
    form.addEventListener("submit", (e) => e.preventDefault());
  }
}
