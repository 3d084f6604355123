// Weeks run Monday to Sunday (China Standard Time), as the server counts grid visits.

/** 'YYYY-MM-DD' of a Date's local calendar day. */
export function isoDay(date) {
  const y = date.getFullYear()
  const m = String(date.getMonth() + 1).padStart(2, '0')
  const d = String(date.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}

/** The day `days` after 'YYYY-MM-DD' (negative: before). */
export function addDays(day, days) {
  const [y, m, d] = day.split('-').map(Number)
  return isoDay(new Date(y, m - 1, d + days))
}

/** "11月16日—11月22日" for a week the server answered with week_start and week_end. */
export function weekLabel(start, end) {
  if (!start || !end) return ''
  const part = (day) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`
  return `${part(start)}—${part(end)}`
}
