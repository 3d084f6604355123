// Duty shifts as the pages show them: attendance labels and tag colours (src/core/attendance.cpp), weekdays,
// and month ranges.

export const ATTENDANCE = {
  on_time: '准时',
  late: '迟到',
  left_early: '早退',
  absent: '缺勤',
  came_and_left: '签到即走',
}

export const ATTENDANCE_TAG = {
  on_time: 'success',
  late: 'warning',
  left_early: 'warning',
  absent: 'danger',
  came_and_left: 'danger',
}


export const SHIFT_STATE = {
  scheduled: '待值班',
  on_duty: '值班中',
  checked_out: '已签退',
  decided: '已结束',
}

export const WEEKDAYS = [
  { value: 1, label: '周一' },
  { value: 2, label: '周二' },
  { value: 3, label: '周三' },
  { value: 4, label: '周四' },
  { value: 5, label: '周五' },
  { value: 6, label: '周六' },
  { value: 7, label: '周日' },
]

const WEEKDAY_SHORT = ['日', '一', '二', '三', '四', '五', '六']

/** "2026-11-18" → "11-18 周三". */
export function dayLabel(day) {
  const [y, m, d] = day.split('-').map(Number)
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return `${day.slice(5)} 周${WEEKDAY_SHORT[weekday]}`
}

/** "2026-11-18T09:00:00+08:00" → "09:00". */
export function clock(value) {
  return value ? String(value).slice(11, 16) : '—'
}

/** The first and last day of month "YYYY-MM": ["2026-11-01", "2026-11-30"]. */
export function monthRange(month) {
  const [y, m] = month.split('-').map(Number)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return [`${month}-01`, `${month}-${String(last).padStart(2, '0')}`]
}

/** This month in China Standard Time, "YYYY-MM". */
export function thisMonth(now = new Date()) {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 7)
}
