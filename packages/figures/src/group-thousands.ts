/** 9068 → '9,068': integers grouped the same way on every machine, whatever its locale. */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
