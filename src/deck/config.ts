// Reads what the build embedded in the page (see src/shared/runtime-config.ts).
import { RUNTIME_CONFIG_ID, type DeckRuntimeConfig } from "../shared/runtime-config.ts";

export function readRuntimeConfig(doc: Document): DeckRuntimeConfig {
  const el = doc.getElementById(RUNTIME_CONFIG_ID);
  return JSON.parse(el?.textContent ?? "{}") as DeckRuntimeConfig;
}
