import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { onUnauthorized } from './api'
import { elementA11y } from './elementA11y'
import { useAuthStore } from './stores/auth'

const app = createApp(App)
app.use(createPinia())
app.use(router)
app.mixin(elementA11y)

// A 401 on a logged-in call: the token expired or was revoked; log in again and come back.
onUnauthorized(() => {
  useAuthStore().logout()
  const current = router.currentRoute.value
  if (current.name !== 'login') router.push({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
})

app.mount('#app')
