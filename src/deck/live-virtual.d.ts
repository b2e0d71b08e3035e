// The module src/vite/live-plugin.ts generates.
declare module "virtual:deck-live" {
  export const liveModules: Record<string, () => Promise<{ default: unknown }>>;
}
