// The JSON API client (docs/api.md): adds the bearer token, turns `{error: {code, message, field}}` into an
// ApiError, and on a 401 for a logged-in call clears the session and hands over to `onUnauthorized`.

const TOKEN_KEY = 'minsheng.token'

export class ApiError extends Error {
  constructor(status, { code = 'unknown', message = '请求失败', field = null, allowed = null } = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
    this.allowed = allowed
  }
}

let unauthorizedHandler = () => {}

/** Called with no arguments when the server answers 401 to a call that carried a token. */
export function onUnauthorized(fn) {
  unauthorizedHandler = fn
}

export function storedToken() {
  return localStorage.getItem(TOKEN_KEY) || ''
}

export function storeToken(token) {
  if (token) localStorage.setItem(TOKEN_KEY, token)
  else localStorage.removeItem(TOKEN_KEY)
}

function queryString(query) {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.set(key, String(value))
  }
  const text = params.toString()
  return text ? '?' + text : ''
}

// Sends the request; resolves to the Response when it is 2xx, throws an ApiError otherwise.
async function send(method, path, { query, body, auth = true, accept = 'application/json' } = {}) {
  const headers = { Accept: accept }
  const token = auth ? storedToken() : ''
  if (token) headers.Authorization = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  let response
  try {
    response = await fetch(`/api/v1${path}${queryString(query)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, { code: 'network', message: '无法连接服务器，请检查网络后重试' })
  }
  if (response.ok) return response
  const data = parseJson(await response.text())
  const error = new ApiError(response.status, data?.error || { message: `服务器错误（${response.status}）` })
  if (response.status === 401 && token) {
    storeToken('')
    unauthorizedHandler()
  }
  throw error
}

function parseJson(text) {
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/**
 * Calls `/api/v1${path}`. Options: query (object; empty values left out), body (sent as JSON),
 * auth (default true: send the stored token). Resolves to the parsed JSON (or null for an empty body).
 */
export async function request(method, path, options = {}) {
  const response = await send(method, path, options)
  return parseJson(await response.text())
}

/** The file the server answers at `/api/v1${path}` (e.g. an .xlsx export): `{blob, filename}`. */
export async function download(path, query) {
  const response = await send('GET', path, { query, accept: '*/*' })
  const disposition = response.headers.get('Content-Disposition') || ''
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  const plain = /filename="([^"]+)"/i.exec(disposition)
  const filename = utf8 ? decodeURIComponent(utf8[1]) : plain ? plain[1] : 'download'
  return { blob: await response.blob(), filename }
}

/** Downloads `/api/v1${path}` and hands it to the browser to save under the server's file name. */
export async function saveDownload(path, query) {
  const { blob, filename } = await download(path, query)
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export const api = {
  get: (path, query, options = {}) => request('GET', path, { ...options, query }),
  post: (path, body, options = {}) => request('POST', path, { ...options, body: body ?? {} }),
  put: (path, body, options = {}) => request('PUT', path, { ...options, body: body ?? {} }),
  patch: (path, body, options = {}) => request('PATCH', path, { ...options, body: body ?? {} }),
  delete: (path, options = {}) => request('DELETE', path, options),
}
