// The logged-in staff user: token and user kept in pinia and in localStorage, so a reload stays logged in.
import { defineStore } from 'pinia'
import { api, storeToken, storedToken } from '../api'

const USER_KEY = 'minsheng.user'
const EXPIRES_KEY = 'minsheng.expires_at'

function readUser() {
  try {
    return JSON.parse(localStorage.getItem(USER_KEY) || 'null')
  } catch {
    return null
  }
}

export const useAuthStore = defineStore('auth', {
  state: () => ({
    token: storedToken(),
    user: readUser(),
    expiresAt: localStorage.getItem(EXPIRES_KEY) || '',
  }),
  getters: {
    loggedIn(state) {
      if (!state.token || !state.user) return false
      return !state.expiresAt || new Date(state.expiresAt).getTime() > Date.now()
    },
    role: (state) => state.user?.role || '',
  },
  actions: {
    async login(username, password) {
      const result = await api.post('/auth/login', { username, password }, { auth: false })
      this.token = result.token
      this.user = result.user
      this.expiresAt = result.expires_at || ''
      storeToken(result.token)
      localStorage.setItem(USER_KEY, JSON.stringify(result.user))
      localStorage.setItem(EXPIRES_KEY, this.expiresAt)
      return result.user
    },
    // Ends the session on the server too (the token stops working at once), then forgets it here. The
    // local state is cleared even when the server cannot be reached.
    async signOut() {
      if (this.token) {
        try {
          await api.post('/auth/logout', {})
        } catch {
          // already expired or revoked, or offline: forgetting it here is all that is left to do
        }
      }
      this.logout()
    },
    // Forgets the session in this browser only (after a 401 the server has forgotten it already).
    logout() {
      this.token = ''
      this.user = null
      this.expiresAt = ''
      storeToken('')
      localStorage.removeItem(USER_KEY)
      localStorage.removeItem(EXPIRES_KEY)
    },
    hasRole(...roles) {
      return roles.includes(this.role)
    },
  },
})
