// Symbols that carry their numbers (the build's formula checker gives each bound symbol of
// a checked formula data-value and data-value-label): hovering or focusing one shows its
// value in the linked example in a tooltip. One tooltip for the page, placed under the
// symbol in the slide's own coordinates; none in print.

export function wireSymbolValues(doc: Document): void {
  const slides = doc.querySelector<HTMLElement>(".reveal .slides");
  if (!slides) return;
  const tip = doc.createElement("div");
  tip.className = "symbol-tip";
  tip.id = "symbol-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  slides.appendChild(tip);

  let shownFor: HTMLElement | undefined;
  const show = (symbol: HTMLElement): void => {
    if (!tip.isConnected) slides.appendChild(tip); // the dev server may have replaced the slides
    shownFor = symbol;
    tip.textContent = symbol.dataset.valueLabel ?? "";
    tip.hidden = false;
    symbol.setAttribute("aria-describedby", tip.id);
    // place it in the slides' frame (reveal scales that frame): below the symbol, centred
    const frame = slides.getBoundingClientRect();
    const box = symbol.getBoundingClientRect();
    const scale = frame.width / slides.offsetWidth || 1;
    const left = (box.left + box.width / 2 - frame.left) / scale;
    const top = (box.bottom - frame.top) / scale + 8;
    tip.style.left = `${Math.max(8, Math.min(left - tip.offsetWidth / 2, slides.offsetWidth - tip.offsetWidth - 8))}px`;
    tip.style.top = `${top}px`;
  };
  const hide = (symbol: HTMLElement | undefined): void => {
    if (!symbol || symbol !== shownFor) return;
    symbol.removeAttribute("aria-describedby");
    tip.hidden = true;
    shownFor = undefined;
  };
  const symbolOf = (target: EventTarget | null): HTMLElement | undefined => ((target as Element | null)?.closest?.("[data-value]") as HTMLElement | null) ?? undefined;

  slides.addEventListener("mouseover", (e) => {
    const s = symbolOf(e.target);
    if (s) show(s);
  });
  slides.addEventListener("mouseout", (e) => {
    const s = symbolOf(e.target);
    if (s && !s.contains(e.relatedTarget as Node | null)) hide(s);
  });
  slides.addEventListener("focusin", (e) => {
    const s = symbolOf(e.target);
    if (s) show(s);
  });
  slides.addEventListener("focusout", (e) => hide(symbolOf(e.target)));
  doc.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hide(shownFor);
  });
}
