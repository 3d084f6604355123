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

/** The deadline that matters next in this state, as an ISO time string (or ''). */
export function nextDeadline(appeal) {
  const d = appeal.deadlines || {}
  switch (appeal.status) {
    case 'dispatched':
      return d.accept_due || d.reply_due || ''
    case 'accepted':
      return d.contact_due || d.reply_due || ''
    case 'in_progress':
    case 'reopened':
      return d.reply_due || ''
    case 'replied':
      return d.resolve_due || ''
    default:
      return d.reply_due || d.resolve_due || ''
  }
}

const DAY_MS = 24 * 3600 * 1000

/** "剩 3 天" / "超期 2 天" / "今日到期" for a deadline, counted in calendar days from now. */
export function remaining(due, now = Date.now()) {
  if (!due) return ''
  const ms = new Date(due).getTime() - now
  if (ms < 0) return `超期 ${Math.ceil(-ms / DAY_MS)} 天`
  if (ms < DAY_MS) return '今日到期'
  return `剩 ${Math.floor(ms / DAY_MS)} 天`
}
