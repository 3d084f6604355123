// Which appeals wait for each role (DESIGN.md §1-2): the states in which that role acts next.
// The workbench shows one tab per state, plus the overdue appeals in the caller's scope.
export const QUEUES = {
  registrar: ['received', 'returned'],
  coordinator: ['received', 'returned', 'reopened', 'deliberating', 'explaining'],
  handler: ['dispatched', 'accepted', 'in_progress'],
  deputy: ['accepted', 'in_progress', 'explaining'],
  leader: ['reopened', 'escalated', 'replied'],
  supervisor: ['replied', 'explaining', 'reopened'],
  admin: ['received', 'returned', 'reopened', 'dispatched', 'accepted', 'in_progress', 'replied'],
}

const DAY_MS = 24 * 3600 * 1000

/**
 * "剩 3 天" / "超期 2 天" / "今日到期" for an appeal's current deadline: the server says which deadline matters in
 * its state (current_due, none once answered or finished) and how many days it is overdue (core/overdue.h).
 */
export function remaining(appeal, now = Date.now()) {
  const due = appeal?.current_due
  if (!due) return ''
  if (appeal.overdue_days > 0) return `超期 ${appeal.overdue_days} 天`
  const ms = new Date(due).getTime() - now
  if (ms < DAY_MS) return '今日到期'
  return `剩 ${Math.floor(ms / DAY_MS)} 天`
}
