/**
 * Terms that set a burst apart from its baseline: the log-odds ratio with an informative Dirichlet
 * prior (Monroe, Colaresi and Quinn, "Fightin' Words", 2008), scored by its z-value so that a term
 * seen twice does not outrank one seen forty times on a slightly smaller ratio.
 */
export type TermScore = { term: string; score: number };

function total(counts: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
}

export function topTermsByLogOdds(
  focus: ReadonlyMap<string, number>,
  baseline: ReadonlyMap<string, number>,
  prior: ReadonlyMap<string, number>,
  limit: number,
  priorWeight = 200,
): TermScore[] {
  const focusTotal = total(focus);
  const baselineTotal = total(baseline);
  const priorTotal = Math.max(total(prior), 1);
  const scores: TermScore[] = [];
  for (const [term, y] of focus) {
    const alpha = Math.max((priorWeight * (prior.get(term) ?? 0)) / priorTotal, 0.01);
    const b = baseline.get(term) ?? 0;
    const focusLogOdds = Math.log((y + alpha) / (focusTotal + priorWeight - y - alpha));
    const baselineLogOdds = Math.log((b + alpha) / (baselineTotal + priorWeight - b - alpha));
    const variance = 1 / (y + alpha) + 1 / (b + alpha);
    scores.push({ term, score: (focusLogOdds - baselineLogOdds) / Math.sqrt(variance) });
  }
  scores.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1));
  return scores.slice(0, limit);
}
