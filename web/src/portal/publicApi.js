// The public portal's calls (no login). Regions, categories and the published numbers come from
// /api/v1/public/*, which needs no token; see docs/api.md "Public".
import { api } from '../api'

const noAuth = { auth: false }
let reference = null

/** Regions and categories for the submission form, loaded once. */
export function loadPublicReference() {
  if (!reference) {
    reference = Promise.all([api.get('/public/regions', undefined, noAuth), api.get('/public/categories', undefined, noAuth)])
      .then(([regions, categories]) => ({ regions: regions.items, categories: categories.items }))
      .catch((e) => {
        reference = null
        throw e
      })
  }
  return reference
}

export const submitAppeal = (body) => api.post('/public/appeals', body, noAuth)
export const trackAppeal = (code) => api.get(`/public/appeals/${encodeURIComponent(code)}`, undefined, noAuth)
export const rateAppeal = (code, body) => api.post(`/public/appeals/${encodeURIComponent(code)}/callback`, body, noAuth)
export const publishedNumbers = (from, to) => api.get('/public/metrics', { from, to, group_by: 'department' }, noAuth)
export const comingReceptions = () => api.get('/public/reception-slots', undefined, noAuth)
export const bookReception = (slotId, body) => api.post(`/public/reception-slots/${slotId}/bookings`, body, noAuth)
// issue 11, public evaluation: the year's table of units evaluated in closed rounds.
export const publishedEvaluations = (year) => api.get('/public/evaluations/table', { year }, noAuth)
// Votes on practical projects (issue 11, part C).
export const publicVotes = () => api.get('/public/votes', undefined, noAuth)
export const castBallot = (voteId, body) => api.post(`/public/votes/${voteId}/ballots`, body, noAuth)
export const voteResults = (voteId) => api.get(`/public/votes/${voteId}/results`, undefined, noAuth)
// Consultations (issue 11, part A): published outcomes and residents' comments.
export const publishedConsultations = (page = 1) => api.get('/public/consultations', { page, page_size: 20 }, noAuth)
export const publishedConsultation = (id) => api.get(`/public/consultations/${id}`, undefined, noAuth)
export const commentConsultation = (id, body) => api.post(`/public/consultations/${id}/comments`, body, noAuth)
// The message wall (issue 12): residents' posts (moderated before they appear) and their public replies.
export const wallPosts = (query) => api.get('/public/wall', query, noAuth)
export const postOnWall = (body) => api.post('/public/wall', body, noAuth)
// Bulletins (issue 12): the published monthly bulletins and quarterly reviews.
export const publishedBulletins = () => api.get('/public/bulletins', undefined, noAuth)
