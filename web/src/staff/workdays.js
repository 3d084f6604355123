// Working-day arithmetic on "YYYY-MM-DD" days, mirroring src/core/calendar.cpp: Saturdays and Sundays are
// off unless the calendar marks them as make-up workdays (调休), and marked holidays are off.
// `marks` is a Map from day to {day, kind: 'holiday' | 'workday', name} (GET /api/v1/calendar).

/** Today's date in China Standard Time. */
export function todayInChina(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now)
}

export function addDays(day, n) {
  const d = new Date(day + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

export function isWorkingDay(day, marks) {
  const mark = marks.get(day)
  if (mark) return mark.kind === 'workday'
  const weekday = new Date(day + 'T00:00:00Z').getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/** The n-th working day after `day` (the day itself does not count), as the server counts deadlines. */
export function addWorkingDays(day, n, marks) {
  let current = day
  for (let remaining = n; remaining > 0; ) {
    current = addDays(current, 1)
    if (isWorkingDay(current, marks)) remaining--
  }
  return current
}

/** Working days in (from, to]. */
export function workingDaysBetween(from, to, marks) {
  let count = 0
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, marks)) count++
  return count
}

/** The calendar's holidays and make-up workdays in (from, to], in order. */
export function marksBetween(from, to, marks) {
  return [...marks.values()].filter((m) => m.day > from && m.day <= to).sort((a, b) => a.day.localeCompare(b.day))
}
