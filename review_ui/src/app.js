// Which page to show: the login until someone is signed in, then their role's home, or a
// submission's review page. A language switch or a navigation rebuilds the page; each page
// returns a cleanup that closes its streams and players.
import { h } from './core/dom.js'
import { t, onLanguageChange } from './core/i18n.js'
import { frame } from './core/layout.js'
import { loginPage } from './core/login_page.js'
import { passwordPage } from './core/password_page.js'
import { currentPath, linkHandler, match, navigate, onNavigate } from './core/router.js'
import { currentUser, forgetUser, loadUser, signOut } from './core/session.js'
import { loadRules } from './core/rules.js'
import { SIGNED_OUT } from './core/api.js'
import { teacherPage } from './teacher/teacher_page.js'
import { leaderPage } from './leader/leader_page.js'
import { reviewPage } from './review/review_page.js'
import { schoolAdminPage } from './admin/school_admin_page.js'
import { provincePage } from './province/province_page.js'
import { notificationsPage } from './notifications/notifications_page.js'
import { peerWatchPage } from './peer/watch_page.js'

const HOMES = {
  teacher: teacherPage,
  group_leader: leaderPage,
  school_admin: schoolAdminPage,
  provincial_reviewer: provincePage,
  admin: provincePage,
}

let root
let cleanup = () => {}
let rendering = 0

function navLinks(user, path) {
  const links = []
  const link = (to, key) =>
    h('a', { href: to, class: path === to ? 'tab active' : 'tab', 'aria-current': path === to ? 'page' : null, onclick: linkHandler(to) }, t(key))
  if (user.role === 'group_leader') {
    links.push(link('/', 'nav.group'), link('/my-points', 'nav.my_points'))
  }
  return links
}

function pageFor(user, path) {
  if (user.must_change_password || path === '/password') return passwordPage
  const review = match('/review/:id', path)
  if (review) return (main, ctx) => reviewPage(main, { ...ctx, submissionId: Number(review.id) })
  const peer = match('/peer/:id', path)
  if (peer && user.teacher_id) return (main, ctx) => peerWatchPage(main, { ...ctx, assignmentId: Number(peer.id) })
  if (path === '/my-points' && user.teacher_id) return teacherPage
  if (path === '/notifications') return notificationsPage
  return HOMES[user.role] || provincePage
}

async function render() {
  const ticket = ++rendering
  cleanup()
  cleanup = () => {}
  const user = currentUser()
  const path = currentPath()
  const view = frame({
    user,
    nav: user ? navLinks(user, path) : [],
    onSignOut: async () => {
      await signOut()
      navigate('/', { replace: true })
      render()
    },
  })
  root.replaceChildren(view.root)
  const ctx = { user, setTitle: view.setTitle, onSignedIn: render }
  const page = user ? pageFor(user, path) : loginPage
  try {
    // Every page after sign-in may apply a rule; a one-time password shuts the rules away too.
    if (user && !user.must_change_password) await loadRules()
    const done = await page(view.main, ctx)
    if (ticket === rendering) cleanup = typeof done === 'function' ? done : () => {}
    else if (typeof done === 'function') done()
  } catch (err) {
    console.error(err)
    view.main.append(h('div', { class: 'notice error', role: 'alert' }, t('app.page_failed'), ' ', String(err?.message || err)))
  }
}

export async function startApp(element) {
  root = element
  onLanguageChange(render)
  onNavigate(render)
  window.addEventListener(SIGNED_OUT, () => {
    if (!currentUser()) return
    forgetUser()
    render()
  })
  try {
    await loadUser()
  } catch (err) {
    console.error(err)
  }
  await render()
}
