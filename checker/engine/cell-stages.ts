/**
 * The coverage archive's cells grouped by a model's stage (coverage-search.ts `stageOf`), in the order the
 * stages were first reached; each group holds indices into the archive. Go-Explore weights its cell picks
 * by domain knowledge (the level or room reached); a stage plays that part, so a stage reached late and
 * rarely gets as many picks as the one that fills most of the archive.
 */
export class CellStages {
  private readonly byStage = new Map<string, number[]>();
  private readonly order: number[][] = [];

  add(stage: string, cell: number): void {
    let members = this.byStage.get(stage);
    if (members === undefined) { members = []; this.byStage.set(stage, members); this.order.push(members); }
    members.push(cell);
  }

  get stages(): readonly (readonly number[])[] {
    return this.order;
  }
}
