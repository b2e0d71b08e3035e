// The presenter's controls on live examples: moving an input recomputes every number the
// example shows (see live-render.ts); reset puts back the numbers the build computed,
// which are also what the PDF prints.
export function wireLiveExamples(doc: Document, macros: Record<string, string>): void {
  for (const example of doc.querySelectorAll<HTMLElement>(".live-example:not([data-wired])")) {
    example.dataset.wired = "true"; // the dev server re-wires after an update: once each
    const form = example.querySelector<HTMLFormElement>("form.live-controls");
    const values = example.querySelector<HTMLElement>(".live-values");
    if (!form || !values) continue;
    const original = values.innerHTML;
    let pending = 0;
    let generation = 0;

    const showInputs = (): Record<string, number> => {
      const changes: Record<string, number> = {};
      for (const input of form.querySelectorAll<HTMLInputElement>("input[data-path]")) {
        changes[input.dataset.path!] = Number(input.value);
        const output = input.nextElementSibling;
        if (output) output.textContent = input.value;
      }
      return changes;
    };

    const recompute = async (): Promise<void> => {
      const mine = ++generation;
      const changes = showInputs();
      example.classList.add("live-busy");
      try {
        const { renderLiveExample } = await import("./live-render.ts");
        const html = await renderLiveExample(example.dataset.live!, changes, macros);
        if (mine === generation) values.innerHTML = html; // a later input wins
        example.classList.add("live-changed");
      } catch (error) {
        values.insertAdjacentHTML("beforeend", `<p class="deck-error">${String((error as Error).message)}</p>`);
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
        values.innerHTML = original;
        example.classList.remove("live-changed");
      });
    });
    form.addEventListener("submit", (e) => e.preventDefault());
  }
}
