/**
 * UNCONFIRMED (feishu-apis.md §6.3, §11.5): the API gives scores as integers 0–100, and the Feishu OKR UI
 * shows scores on a 0–1 scale. We assume score/100, shown with two decimals (100 → "1.00").
 * This is the only place that mapping lives.
 */
export function displayScore(score: number | undefined): string {
  if (score === undefined || !Number.isFinite(score)) return '–';
  return (Math.min(100, Math.max(0, score)) / 100).toFixed(2);
}
