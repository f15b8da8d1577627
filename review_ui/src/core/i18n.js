// Chinese first, English on request: ?lang=en, else the remembered choice, else zh-CN.
// Every visible string goes through t(); API refusals carry both languages already.
import { MESSAGES } from './messages.js'

export const LANGS = ['zh-CN', 'en']
const STORAGE_KEY = 'kejian.lang'
const listeners = new Set()
let current = 'zh-CN'

function normalise(value) {
  if (!value) return null
  return value.toLowerCase().startsWith('en') ? 'en' : value.toLowerCase().startsWith('zh') ? 'zh-CN' : null
}

export function initLanguage() {
  const url = new URL(window.location.href)
  const asked = normalise(url.searchParams.get('lang'))
  let stored = null
  try {
    stored = normalise(window.localStorage.getItem(STORAGE_KEY))
  } catch {
    stored = null // storage blocked (private mode): keep the default
  }
  apply(asked || stored || 'zh-CN', Boolean(asked))
  if (url.searchParams.has('lang')) {
    // Remembered now; dropping it from the address lets a later switch survive a reload.
    url.searchParams.delete('lang')
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
  }
}

function apply(lang, remember) {
  current = lang
  document.documentElement.lang = lang
  if (remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, lang)
    } catch {
      // nothing to do: the choice lasts for this page only
    }
  }
}

export function lang() {
  return current
}

export function isEnglish() {
  return current === 'en'
}

export function setLanguage(next) {
  apply(next, true)
  for (const listener of listeners) listener(next)
}

export function toggleLanguage() {
  setLanguage(current === 'en' ? 'zh-CN' : 'en')
}

export function onLanguageChange(listener) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The message `key` in the current language, with {placeholders} filled from `vars`. */
export function t(key, vars = {}) {
  const entry = MESSAGES[key]
  if (!entry) {
    console.warn(`i18n: no message "${key}"`)
    return key
  }
  const text = entry[current === 'en' ? 1 : 0]
  return text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] ?? `{${name}}`).toString())
}

/** The server's bilingual reason ({code, message_zh, message_en}) in the current language. */
export function reasonText(reason) {
  if (!reason) return ''
  return (current === 'en' ? reason.message_en : reason.message_zh) || reason.message_zh || reason.message_en || reason.code
}

/** An ApiError's message plus its listed violations, each in the current language. */
export function errorLines(err) {
  const error = err?.error
  if (!error) return [String(err?.message || err)]
  const lines = [reasonText(error)]
  for (const violation of error.violations || []) lines.push(reasonText(violation))
  return [...new Set(lines)] // a single violation often repeats the refusal's own message
}

/** Pick the zh or en field of an object ({label_zh, label_en}). */
export function pick(obj, base) {
  if (!obj) return ''
  return (current === 'en' ? obj[`${base}_en`] : obj[`${base}_zh`]) || obj[`${base}_zh`] || obj[`${base}_en`] || ''
}
