// What a fence's info string says: its language, and whether it is a build-time snippet
// (```ts run) whose code is also shown (```ts run show).

export interface FenceInfo {
  lang: string;
  /** ```ts run: a snippet; `show` also shows its code */
  run: boolean;
  show: boolean;
}

export function parseFenceInfo(info: string): FenceInfo {
  const words = info.replace(/\{.*\}\s*$/, "").trim().split(/\s+/);
  const lang = words[0] ?? "";
  const run = (lang === "ts" || lang === "typescript") && words.includes("run");
  return { lang, run, show: run && words.includes("show") };
}
