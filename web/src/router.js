// Routes. Every page is its own lazily loaded chunk, so the public portal never loads the staff pages
// or ECharts. Staff routes need a login; `meta.roles` limits a page to some roles (others see 403).
import { createRouter, createWebHistory } from 'vue-router'
import { useAuthStore } from './stores/auth'

// Who may register an appeal (POST /appeals), who sees the overdue board and who sees the dashboard.
export const REGISTER_ROLES = ['registrar', 'coordinator', 'deputy', 'admin']
export const DASHBOARD_ROLES = ['admin', 'coordinator', 'supervisor', 'leader', 'deputy']
export const SUPERVISION_ROLES = ['admin', 'coordinator', 'supervisor', 'leader', 'handler']
// Who works the callback list (回访) of replied appeals.
export const CALLBACK_ROLES = ['supervisor', 'admin']
// Who sees the grids and leaders' contact points (every role but the units' handlers).
export const GRID_ROLES = ['admin', 'coordinator', 'registrar', 'deputy', 'leader', 'supervisor']
// Who keeps field logs (民情日志) and who holds receptions (接访日程): core/access.cpp's tables.
export const FIELD_LOG_ROLES = ['admin', 'registrar', 'coordinator', 'deputy', 'leader']
export const RECEPTION_ROLES = ['admin', 'coordinator', 'deputy', 'leader']
// Who sees the deputies' case figures (GET /api/v1/deputies; a deputy sees their own).
export const DEPUTY_ROLES = ['admin', 'coordinator', 'supervisor', 'leader', 'deputy']
// Who manages studios and rosters (工作室); every staff role reads them.
export const STUDIO_MANAGER_ROLES = ['admin', 'coordinator']
// Who opens and closes evaluation rounds and enters residents' paper forms (评议测评); every staff role reads them.
export const EVALUATION_MANAGER_ROLES = ['admin', 'coordinator']
// Proposals (issue 11): every staff role reads what it may see; these register them (core/access.cpp).
export const PROPOSAL_KEEP_ROLES = ['admin', 'coordinator', 'deputy', 'registrar']
// Votes on practical projects and risk assessments (issue 11, part C): core/access.cpp's read_votes and
// manage_votes / manage_risk_assessments.
export const VOTE_ROLES = ['admin', 'registrar', 'coordinator', 'deputy', 'leader', 'supervisor']
export const VOTE_MANAGER_ROLES = ['admin', 'coordinator']
// Consultations (协商议事, issue 11 part A): every staff role reads its region's; these manage them.
export const CONSULTATION_MANAGER_ROLES = ['admin', 'coordinator']
// The message wall (issue 12): core/access.cpp's moderate_wall and reply_wall; every staff role reads the queue.
export const WALL_MODERATOR_ROLES = ['admin', 'registrar', 'coordinator']
export const WALL_REPLY_ROLES = ['admin', 'registrar', 'coordinator', 'handler']
// Bulletins (issue 12): core/access.cpp's read_bulletins and publish_bulletins.
export const BULLETIN_ROLES = ['admin', 'coordinator', 'supervisor', 'leader', 'deputy']
export const BULLETIN_PUBLISH_ROLES = ['admin', 'supervisor', 'leader']

const routes = [
  { path: '/login', name: 'login', component: () => import('./staff/LoginPage.vue'), meta: { title: '登录' } },
  {
    path: '/portal',
    component: () => import('./portal/PortalLayout.vue'),
    children: [
      { path: '', name: 'portal', component: () => import('./portal/PortalHome.vue'), meta: { title: '群众诉求' } },
      { path: 'submit', name: 'portal-submit', component: () => import('./portal/PortalSubmit.vue'), meta: { title: '提交诉求' } },
      { path: 'track/:code?', name: 'portal-track', component: () => import('./portal/PortalTrack.vue'), meta: { title: '查询进度' } },
      { path: 'numbers', name: 'portal-numbers', component: () => import('./portal/PortalNumbers.vue'), meta: { title: '办理情况公示' } },
      { path: 'receptions', name: 'portal-receptions', component: () => import('./portal/PortalReceptions.vue'), meta: { title: '预约接访' } },
      // Issue 11, part C.
      { path: 'votes', name: 'portal-votes', component: () => import('./portal/PortalVotes.vue'), meta: { title: '项目投票' } },
      // Consultations (issue 11, part A): published outcomes and residents' comments.
      { path: 'consultations/:id(\\d+)?', name: 'portal-consultations', component: () => import('./portal/PortalConsultations.vue'), meta: { title: '协商议事' } },
      // The message wall (issue 12): residents' posts and their public replies.
      { path: 'wall', name: 'portal-wall', component: () => import('./portal/PortalWall.vue'), meta: { title: '民情回音墙' } },
      // Bulletins (issue 12): the published issues with their print page, PDF and workbook.
      { path: 'bulletins', name: 'portal-bulletins', component: () => import('./portal/PortalBulletins.vue'), meta: { title: '通报与讲评' } },
    ],
  },
  // Issue 11, part C: the printable sheet of voter codes, outside the staff frame so that it prints alone.
  {
    path: '/votes/:id(\\d+)/codes',
    name: 'vote-codes',
    component: () => import('./votes/VoterCodeSheet.vue'),
    meta: { auth: true, title: '投票码打印单', roles: VOTE_MANAGER_ROLES },
  },
  {
    path: '/',
    component: () => import('./staff/StaffLayout.vue'),
    meta: { auth: true },
    children: [
      { path: '', redirect: '/workbench' },
      { path: 'workbench', name: 'workbench', component: () => import('./staff/WorkbenchPage.vue'), meta: { title: '我的待办' } },
      {
        path: 'appeals/new',
        name: 'appeal-new',
        component: () => import('./staff/RegisterAppealPage.vue'),
        meta: { title: '登记诉求', roles: REGISTER_ROLES },
      },
      { path: 'appeals/:id(\\d+)', name: 'appeal', component: () => import('./staff/AppealDetailPage.vue'), meta: { title: '诉求详情' } },
      {
        path: 'supervision',
        name: 'supervision',
        component: () => import('./staff/SupervisionPage.vue'),
        meta: { title: '超期督办', roles: SUPERVISION_ROLES },
      },
      {
        path: 'callbacks',
        name: 'callbacks',
        component: () => import('./staff/CallbackPage.vue'),
        meta: { title: '回访', roles: CALLBACK_ROLES },
      },
      {
        path: 'field-logs',
        name: 'field-logs',
        component: () => import('./deputies/FieldLogsPage.vue'),
        meta: { title: '民情日志', roles: FIELD_LOG_ROLES },
      },
      {
        path: 'receptions',
        name: 'receptions',
        component: () => import('./deputies/ReceptionsPage.vue'),
        meta: { title: '接访日程', roles: RECEPTION_ROLES },
      },
      {
        path: 'grids',
        name: 'grids',
        component: () => import('./deputies/GridsPage.vue'),
        meta: { title: '网格与联系点', roles: GRID_ROLES },
      },
      {
        path: 'deputies',
        name: 'deputies',
        component: () => import('./deputies/DeputiesPage.vue'),
        meta: { title: '代表履职', roles: DEPUTY_ROLES },
      },
      {
        path: 'deputies/:id(\\d+)/record',
        name: 'deputy-record',
        component: () => import('./deputies/DeputyRecordPage.vue'),
        meta: { title: '履职档案', roles: DEPUTY_ROLES },
      },
      {
        path: 'admin',
        name: 'admin',
        component: () => import('./admin/AdminPage.vue'),
        meta: { title: '系统管理', roles: ['admin'] },
      },
      {
        path: 'dashboard',
        name: 'dashboard',
        component: () => import('./dashboard/DashboardPage.vue'),
        meta: { title: '数据看板', roles: DASHBOARD_ROLES },
      },
      { path: 'studios', name: 'studios', component: () => import('./deputies/StudioListPage.vue'), meta: { title: '工作室' } },
      { path: 'studios/:id(\\d+)', name: 'studio', component: () => import('./deputies/StudioPage.vue'), meta: { title: '工作室详情' } },
      {
        path: 'my-duty',
        name: 'my-duty',
        component: () => import('./deputies/MyDutyPage.vue'),
        meta: { title: '我的值班', roles: ['deputy'] },
      },
      // issue 11, public evaluation
      { path: 'evaluations', name: 'evaluations', component: () => import('./evaluation/EvaluationsPage.vue'), meta: { title: '评议测评' } },
      { path: 'evaluations/:id(\\d+)', name: 'evaluation', component: () => import('./evaluation/EvaluationPage.vue'), meta: { title: '评议详情' } },
      // Proposals (issue 11).
      { path: 'proposals', name: 'proposals', component: () => import('./proposals/ProposalsPage.vue'), meta: { title: '建议提案' } },
      { path: 'proposals/:id(\\d+)', name: 'proposal', component: () => import('./proposals/ProposalDetailPage.vue'), meta: { title: '建议详情' } },
      // Votes and risk assessments (issue 11, part C).
      { path: 'votes', name: 'votes', component: () => import('./votes/VotesPage.vue'), meta: { title: '实事项目投票', roles: VOTE_ROLES } },
      {
        path: 'risk-assessments',
        name: 'risk-assessments',
        component: () => import('./votes/RiskAssessmentsPage.vue'),
        meta: { title: '稳定风险评估', roles: VOTE_ROLES },
      },
      // Consultations (issue 11, part A).
      { path: 'consultations', name: 'consultations', component: () => import('./deliberation/ConsultationsPage.vue'), meta: { title: '协商议事' } },
      { path: 'consultations/:id(\\d+)', name: 'consultation', component: () => import('./deliberation/ConsultationPage.vue'), meta: { title: '协商议事详情' } },
      // The message wall (issue 12): the moderation queue and the reply dialog.
      { path: 'wall', name: 'wall', component: () => import('./wall/WallQueuePage.vue'), meta: { title: '回音墙' } },
      // Bulletins (issue 12): publish (with a preview) and list.
      { path: 'bulletins', name: 'bulletins', component: () => import('./bulletins/BulletinsPage.vue'), meta: { title: '通报与讲评', roles: BULLETIN_ROLES } },
      // The dashboard's drill-down (issue 12): the appeals behind a number, the filters in the address.
      { path: 'appeals', name: 'appeals', component: () => import('./staff/AppealListPage.vue'), meta: { title: '诉求列表' } },
      { path: 'forbidden', name: 'forbidden', component: () => import('./staff/ForbiddenPage.vue'), meta: { title: '无权访问' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./staff/NotFoundPage.vue'), meta: { title: '页面不存在' } },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach((to) => {
  const auth = useAuthStore()
  const needsLogin = to.matched.some((r) => r.meta.auth)
  if (needsLogin && !auth.loggedIn) {
    if (auth.token) auth.logout()
    return { name: 'login', query: to.fullPath !== '/' && to.fullPath !== '/workbench' ? { redirect: to.fullPath } : {} }
  }
  if (to.name === 'login' && auth.loggedIn) return { name: 'workbench' }
  const roles = to.meta.roles
  if (roles && !roles.includes(auth.role)) return { name: 'forbidden', query: { from: to.fullPath } }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 民声` : '民声'
})
