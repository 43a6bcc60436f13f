/** nDCG@k with graded gains (2^grade − 1), the ideal order being the judgements sorted by grade. */
export function ndcgAt(k: number, ranked: string[], grades: Map<string, number>): number {
  const gain = (grade: number) => 2 ** grade - 1;
  const dcg = ranked.slice(0, k).reduce((sum, id, index) => sum + gain(grades.get(id) ?? 0) / Math.log2(index + 2), 0);
  const ideal = [...grades.values()]
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, index) => sum + gain(grade) / Math.log2(index + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Share of the relevant (grade > 0) ids found in the first k. */
export function recallAt(k: number, ranked: string[], grades: Map<string, number>): number {
  const relevant = [...grades.entries()].filter(([, grade]) => grade > 0).map(([id]) => id);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}
