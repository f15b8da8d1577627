// The frame around every page: brand, page title, who is signed in, language, sign out.
import { h } from './dom.js'
import { t, toggleLanguage, isEnglish } from './i18n.js'
import { linkHandler } from './router.js'
import { notificationsBell, stopBell } from '../notifications/bell.js'

export function languageSwitch() {
  // Labelled in the language it switches to, so either reader can find it.
  return h(
    'button',
    { type: 'button', class: 'link-button lang', testid: 'lang-switch', onclick: toggleLanguage, lang: isEnglish() ? 'zh-CN' : 'en' },
    isEnglish() ? '中文' : 'English',
  )
}

/** The page frame; returns { root, main, setTitle }. */
export function frame({ user, onSignOut, nav = [] }) {
  const title = h('h1', { class: 'page-title', testid: 'page-title' })
  const who = user
    ? [
        h('span', { class: 'who', testid: 'current-user', title: user.display_name }, user.display_name),
        // The role, unless the account's name already says it (“学校管理员”).
        user.display_name.includes(t(`role.${user.role}`)) ? null : h('span', { class: 'role' }, t(`role.${user.role}`)),
        // The bell polls the unread count; a one-time password shuts the API away, so no bell then.
        user.must_change_password ? null : notificationsBell(),
        h('a', { href: '/password', class: 'link-button', testid: 'change-password', onclick: linkHandler('/password') }, t('nav.password')),
        h('button', { type: 'button', class: 'link-button', testid: 'logout', onclick: onSignOut }, t('nav.sign_out')),
      ]
    : []
  if (!user || user.must_change_password) stopBell() // signed out: the previous frame's poller stops
  const header = h(
    'header',
    { class: 'topbar' },
    h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '鉴'), t('app.name')),
    h('div', { class: 'account' }, ...who, languageSwitch()),
  )
  const navBar = nav.length ? h('nav', { class: 'tabs', 'aria-label': t('nav.label') }, ...nav) : null
  const main = h('main', { class: 'page' })
  const root = h('div', { class: 'shell' }, header, h('div', { class: 'page-head' }, title, navBar), main)
  return {
    root,
    main,
    setTitle(text) {
      title.textContent = text
      document.title = `${text} · ${t('app.name')}`
    },
  }
}

/** A status line that shows errors in the current language (role=alert so it is read out). */
export function notice(kind = 'info') {
  const el = h('div', { class: `notice ${kind}`, hidden: true })
  return {
    el,
    show(lines, as = kind) {
      el.className = `notice ${as}`
      el.replaceChildren(...[].concat(lines).map((line) => h('div', {}, line)))
      el.hidden = false
      el.setAttribute('role', as === 'error' ? 'alert' : 'status')
    },
    clear() {
      el.hidden = true
      el.replaceChildren()
    },
  }
}
