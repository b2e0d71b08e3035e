// reveal.js's attribute comments: `<!-- .slide: data-x="1" class="c" -->` sets attributes
// on the slide, `<!-- .element: class="fragment" -->` on the element before the comment
// (or, with none before it, on the element that holds it), as reveal's own Markdown plugin
// does. Done on the rendered HTML so it works inside any Markdown construct.

const SLIDE = /^\s*\.slide:\s*(.*?)\s*$/s;
const ELEMENT = /^\s*\.element:\s*(.*?)\s*$/s;
const ATTRIBUTE = /([^"'\s=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g;

export function parseAttributeList(text: string): [string, string][] {
  return [...text.matchAll(ATTRIBUTE)].map((m) => [m[1], m[2] ?? m[3] ?? m[4] ?? ""]);
}

function apply(target: Element, pairs: [string, string][]): void {
  for (const [name, value] of pairs) {
    if (name === "class") {
      for (const c of value.split(/\s+/).filter(Boolean)) target.classList.add(c);
    } else {
      target.setAttribute(name, value);
    }
  }
}

/** Applies and removes every attribute comment inside `section`. */
export function applyCommentAttributes(section: Element, document: Document): void {
  const walker = document.createTreeWalker(section, 128 /* NodeFilter.SHOW_COMMENT */);
  const comments: Comment[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) comments.push(n as Comment);
  for (const comment of comments) {
    const slide = SLIDE.exec(comment.data);
    const element = ELEMENT.exec(comment.data);
    if (slide) {
      apply(section, parseAttributeList(slide[1]));
    } else if (element) {
      let previous = comment.previousSibling;
      while (previous && (previous.nodeType !== 1 || (previous as Element).tagName === "BR")) previous = previous.previousSibling;
      const target = (previous as Element | null) ?? comment.parentElement;
      if (target) apply(target, parseAttributeList(element[1]));
    } else continue;
    comment.remove();
  }
}
