// The compile's one owner of evaluated cases: each example's case file is evaluated once
// per compile — by the session's snippet worker, through one typed call — and shared by the
// stages that need its numbers (numbers in prose, the formula checker, exercises). The
// files each evaluation read join the snippets' dependencies, so the dev server recompiles
// when one changes.
import type { CaseEvaluation, WorkerOutcome } from "./snippets/types.ts";

export type EvaluateCase = (caseFile: string, notationFile?: string) => Promise<WorkerOutcome<CaseEvaluation>>;

export class CaseBook {
  private readonly evaluations = new Map<string, Promise<CaseEvaluation | string>>();

  constructor(
    private readonly evaluate: EvaluateCase,
    /** the deck's notation module, which names each case's numbers; undefined without one */
    private readonly notationFile: string | undefined,
    /** where the files an evaluation read are recorded */
    private readonly deps: Set<string>,
  ) {}

  /** The case's evaluation, or why there is none (a message naming the file). */
  get(caseFile: string): Promise<CaseEvaluation | string> {
    let evaluation = this.evaluations.get(caseFile);
    if (!evaluation) {
      evaluation = this.evaluate(caseFile, this.notationFile).then((outcome) => {
        outcome.deps.forEach((d) => this.deps.add(d));
        return outcome.ok ? outcome.value : `${caseFile}: ${outcome.message}`;
      });
      this.evaluations.set(caseFile, evaluation);
    }
    return evaluation;
  }

  /** How many cases this compile evaluated. */
  get size(): number {
    return this.evaluations.size;
  }
}
