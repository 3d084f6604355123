// Chinese labels for the API's codes (statuses and actions mirror src/core/lifecycle.cpp).

export const STATUS = {
  received: '已受理',
  dispatched: '已派单',
  accepted: '已签收',
  in_progress: '办理中',
  replied: '已答复',
  closed: '已办结',
  returned: '已退单',
  reopened: '重办',
  deliberating: '协商议事中',
  escalated: '已转建议',
  explaining: '解释说明中',
  merged: '已合并',
  rejected: '不予受理',
}

export const STATUS_TAG = {
  received: 'info',
  dispatched: 'primary',
  accepted: 'primary',
  in_progress: 'primary',
  replied: 'success',
  closed: 'success',
  returned: 'warning',
  reopened: 'danger',
  deliberating: 'info',
  escalated: 'info',
  explaining: 'info',
  merged: 'info',
  rejected: 'info',
}

export const ACTION = {
  register: '登记',
  dispatch: '派单',
  triage: '梳理分流',
  deliberate: '转协商议事',
  escalate: '转建议提案',
  explain: '解释说明',
  merge: '合并',
  reject: '不予受理',
  accept: '签收',
  return: '退单',
  contact: '联系诉求人',
  extension: '申请延期',
  reply: '答复',
  callback: '回访',
  reopen: '重办',
  close: '办结',
  deputy_contact: '代表联系群众',
  deputy_opinion: '代表书面意见',
  // Issue 12: assisting opinions and reviewed replies.
  opinion: '提交协办意见',
  waive_opinion: '免于协办意见',
  approve_reply: '审核通过答复',
  send_back_reply: '退回答复',
}

// How a deputy contacted the resident of a case they follow (POST /appeals/{id}/deputy-contacts).
export const DEPUTY_CONTACT_METHOD = {
  face_to_face: '当面',
  phone: '电话',
  visit: '上门走访',
}

export const TRIAGE_ROUTES = [
  { value: 'deliberate', label: '转协商议事' },
  { value: 'escalate', label: '转建议提案' },
  { value: 'explain', label: '解释说明' },
  { value: 'merge', label: '合并到其他诉求' },
  { value: 'reject', label: '不予受理' },
]

export const CHANNEL = {
  walk_in: '来访',
  letter: '来信',
  phone: '热线电话',
  web: '网上提交',
  wall: '留言板',
  visit: '走访',
  grid: '网格员',
  deputy: '代表委员',
}

export const ROLE = {
  admin: '系统管理员',
  registrar: '登记员',
  coordinator: '街镇枢纽',
  handler: '职能部门',
  deputy: '代表委员',
  leader: '包案领导',
  supervisor: '督办',
}

// users.deputy_kind
export const DEPUTY_KIND = { npc: '人大代表', cppcc: '政协委员', party: '党代表', youth: '团代表' }

export const SATISFACTION = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
}

export const URGENCY = {
  normal: { label: '正常', type: 'info' },
  yellow: { label: '临期', type: 'warning' },
  red: { label: '超期', type: 'danger' },
}

export const CONTACT_METHOD = {
  phone: '电话',
  sms: '短信',
  visit: '上门',
  meeting: '约见面谈',
}

export const NOTICE_KIND = {
  reply_overdue: '答复超期',
  resolve_overdue: '办结超期',
  escalation: '升级包案',
  opinion_overdue: '协办意见超期',  // issue 12: to an assisting unit
}

export const EXTENSION_STATUS = {
  pending: '待审批',
  approved: '已批准',
  refused: '未批准',
  rejected: '未批准',
}

export const DISPATCH_ROLE = { lead: '主办', assisting: '协办' }

/** "2026-11-22T19:07:06+08:00" → "2026-11-22 19:07". */
export function formatTime(value) {
  if (!value) return '—'
  return String(value).slice(0, 16).replace('T', ' ')
}

/**
 * A deadline as people read it. The server's deadlines are the first instant after the last working
 * day (local midnight), so "2026-12-03T00:00:00+08:00" is shown as "2026-12-02 24:00".
 */
export function formatDue(value) {
  if (!value) return '—'
  const text = String(value)
  if (text.slice(11, 16) !== '00:00') return formatTime(text)
  const [y, m, d] = text.slice(0, 10).split('-').map(Number)
  const dayBefore = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10)
  return dayBefore + ' 24:00'
}

/** "2026-11-22T00:00:00+08:00" → "2026-11-22". */
export function formatDay(value) {
  if (!value) return '—'
  return String(value).slice(0, 10)
}

/**
 * A list's total as shown: exact totals as they are; a total the server stopped counting at (its cap,
 * `total_exact: false`) as a lower bound, "1万+" for whole ten-thousands, else "N+".
 */
export function formatTotal(total, exact = true) {
  const n = Number(total) || 0
  if (exact !== false) return String(n)
  return n >= 10000 && n % 10000 === 0 ? `${n / 10000}万+` : `${n}+`
}

export function formatRate(value) {
  if (value === null || value === undefined) return '—'
  return (value * 100).toFixed(1) + '%'
}
