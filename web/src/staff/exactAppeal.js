// The keyword box's shortcut: a keyword that is exactly an appeal's receipt code (查询码, any case) or its
// number names that appeal. The server decides what may match (GET /appeals?q= also matches both exactly);
// this only picks the exact one out of the answer, in the caller's scope, whatever tab is open.
import { api } from '../api'

export async function findExactAppeal(keyword) {
  const q = keyword.trim()
  if (!q) return null
  const page = await api.get('/appeals', { q, page_size: 20 }).catch(() => null)
  return page?.items.find((a) => a.receipt_code === q.toUpperCase() || String(a.id) === q) || null
}
