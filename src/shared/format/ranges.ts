// Runs of whole numbers as people write them: "2–3, 7" (bundle numbers never merged, say).

/** Ranges in the order given; a range of one number is that number. */
export function formatRanges(ranges: readonly { readonly from: number; readonly to: number }[]): string {
  return ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}–${r.to}`)).join(', ');
}
