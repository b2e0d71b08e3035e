// Which exercises a student has solved, kept in local storage per deck (not per build: an
// edit to the slides keeps the progress), and read out per chapter.

export interface ExerciseProgress {
  /** exercise slide id → solved */
  solved: Record<string, boolean>;
}

/** One deck's record of progress, read once and written on each change. */
export class ProgressStore {
  private readonly progress: ExerciseProgress;

  constructor(
    private readonly key: string,
    private readonly storage: Storage | undefined,
  ) {
    this.progress = ProgressStore.read(storage, key);
  }

  private static read(storage: Storage | undefined, key: string): ExerciseProgress {
    try {
      const stored = JSON.parse(storage?.getItem(key) ?? "null") as ExerciseProgress | null;
      return stored && typeof stored.solved === "object" && stored.solved !== null ? stored : { solved: {} };
    } catch {
      return { solved: {} }; // a damaged record is started again, not a broken page
    }
  }

  isSolved(id: string): boolean {
    return this.progress.solved[id] === true;
  }

  markSolved(id: string): void {
    if (this.isSolved(id)) return;
    this.progress.solved[id] = true;
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.progress));
    } catch {
      // storage full or refused (a private window): progress lives as long as the page
    }
  }

  /** "2 of 3 solved in this chapter" for the exercise ids of one chapter (short: it shares a
   * line with the slide's buttons). */
  summary(ids: readonly string[]): string {
    const solved = ids.filter((id) => this.isSolved(id)).length;
    return `${solved} of ${ids.length} solved in this chapter`;
  }
}
