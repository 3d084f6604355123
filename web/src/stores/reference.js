// Reference data for staff pages (regions, departments, categories), loaded once per session.
import { defineStore } from 'pinia'
import { api } from '../api'

/** Builds a tree (children arrays) from rows with id and parent_id. */
export function buildTree(rows) {
  const byId = new Map(rows.map((r) => [r.id, { ...r, children: [] }]))
  const roots = []
  for (const node of byId.values()) {
    const parent = node.parent_id != null ? byId.get(node.parent_id) : null
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  for (const node of byId.values()) if (!node.children.length) delete node.children
  return roots
}

export const useReferenceStore = defineStore('reference', {
  state: () => ({ regions: [], departments: [], categories: [], causes: [], loaded: false, loading: null }),
  getters: {
    regionTree: (state) => buildTree(state.regions),
  },
  actions: {
    load() {
      if (this.loaded) return Promise.resolve()
      if (!this.loading) {
        this.loading = Promise.all([
          api.get('/regions'), api.get('/departments'), api.get('/categories'), api.get('/public/callback-causes'),
        ])
          .then(([regions, departments, categories, causes]) => {
            this.regions = regions.items
            this.departments = departments.items
            this.categories = categories.items
            this.causes = causes.items  // the dissatisfaction causes a callback may give (issue 12)
            this.loaded = true
          })
          .finally(() => {
            this.loading = null
          })
      }
      return this.loading
    },
    regionName(id) {
      return this.regions.find((r) => r.id === id)?.name || ''
    },
    /** The region's names from the top down, without the district: "东湖街道 / 朝阳社区". */
    regionPath(id) {
      const names = []
      let node = this.regions.find((r) => r.id === id)
      while (node) {
        if (node.parent_id != null) names.unshift(node.name)
        node = this.regions.find((r) => r.id === node.parent_id)
      }
      return names.join(' / ')
    },
    departmentName(id) {
      return this.departments.find((d) => d.id === id)?.name || ''
    },
    categoryName(id) {
      return this.categories.find((c) => c.id === id)?.name || ''
    },
    category(id) {
      return this.categories.find((c) => c.id === id)
    },
  },
})
