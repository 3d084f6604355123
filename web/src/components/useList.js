// Lists loaded from the API, with their loading and error state. A reply that arrives after a newer request
// was sent is dropped, so quick filter changes never leave an older list on the screen.
import { reactive } from 'vue'

function loader(list, fetch, apply) {
  let latest = 0
  return async function load() {
    const ticket = ++latest
    list.loading = true
    list.error = ''
    let result = null
    try {
      result = await fetch()
    } catch (e) {
      if (ticket === latest) list.error = e.message
    }
    if (ticket !== latest) return
    apply(result) // null after an error: the list is emptied
    list.loading = false
  }
}

/** A whole list (small reference lists): `fetch()` resolves to the array of rows. */
export function useList(fetch) {
  const list = reactive({ rows: [], loading: false, error: '' })
  list.load = loader(list, fetch, (rows) => {
    list.rows = rows || []
  })
  return list
}

/**
 * A list paged on the server: `fetchPage({page, page_size[, cursor]})` resolves to the API's `{items, total}`
 * (with `total_exact: false` when the server stopped counting at its cap, and `next_cursor` on a full page).
 * `load()` fetches the current page, `go(page)` another one; set `page = 1` before loading when a filter changed.
 * Going on to the next page past the first few, where an offset would make the database skip many rows, sends
 * the cursor the page before gave instead (keyset paging; docs/api.md).
 */
export function usePagedList(fetchPage, { page = 1, pageSize = 20 } = {}) {
  const list = reactive({ rows: [], total: 0, totalExact: true, page, pageSize, loading: false, error: '' })
  let cursors = {} // page number → the cursor that starts it (the next_cursor of the page before)
  list.load = loader(
    list,
    () => {
      if (list.page === 1) cursors = {}
      const paging = { page: list.page, page_size: list.pageSize }
      if (list.page > DEEP_PAGE && cursors[list.page]) paging.cursor = cursors[list.page]
      return fetchPage(paging)
    },
    (result) => {
      list.rows = result?.items || []
      list.total = result?.total || 0
      list.totalExact = result?.total_exact !== false
      if (result?.next_cursor) cursors[list.page + 1] = result.next_cursor
      // Rows that left the list (handled elsewhere) can empty the last page: show the one before it.
      if (!list.rows.length && list.page > 1 && list.total > 0) {
        list.page = Math.min(list.page - 1, Math.ceil(list.total / list.pageSize))
        list.load()
      }
    },
  )
  list.go = (to) => {
    list.page = to
    return list.load()
  }
  return list
}

// Pages up to this one are fetched by number (an offset of at most a few hundred rows is cheap).
const DEEP_PAGE = 5
