// In reveal's print view, a link to "#/slide-id" would leave the PDF (it is a URL of the
// live deck). Point it at the slide's element instead ("#slide-id"): Chromium turns links
// to an element of the same document into jumps inside the PDF.
export function rewriteLinksForPrint(root: ParentNode): void {
  for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href^="#/"]')) {
    const id = decodeURIComponent(a.getAttribute("href")!.slice(2).split("/")[0]);
    if (id && document.getElementById(id)) a.setAttribute("href", `#${id}`);
  }
}
