// 学校研修设置: the school's declared environments (several where its rooms differ), the points it
// offers and the selection window. The server decides; this form shows its refusal (who has no
// valid choice and why) and its advice (age bands whose recommended environments have no point).
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { day } from '../core/format.js'
import { errorLines, reasonText, t } from '../core/i18n.js'
import { dimensionName, environmentName, pointName } from '../teacher/points.js'

const ENVIRONMENTS = ['multimedia', 'hybrid', 'smart']
const ENV_ZH = { multimedia: '多媒体教学环境', hybrid: '混合学习环境', smart: '智慧学习环境' }

export function schoolSetupForm({ schoolId, points, onSaved }) {
  const body = h('div')
  const message = h('div', { class: 'notice', hidden: true, testid: 'setup-message' })
  const notices = h('ul', { class: 'rule-advice', testid: 'setup-notices' })
  const status = h('p', { class: 'muted', testid: 'setup-status' })
  const el = h(
    'section',
    { class: 'card', testid: 'school-setup' },
    h('h2', {}, t('setup.title')),
    h('p', { class: 'muted' }, t('setup.lead')),
    status,
    body,
    notices,
    message,
  )

  const say = (lines, kind) => {
    message.className = `notice ${kind}`
    message.setAttribute('role', kind === 'error' ? 'alert' : 'status')
    message.replaceChildren(...[].concat(lines).map((line) => h('div', {}, line)))
    message.hidden = false
  }

  const describe = (setup) => {
    status.replaceChildren(
      setup.configured ? t('setup.age_reference', { date: day(setup.age_reference) }) : h('span', { class: 'problem' }, t('setup.not_configured')),
    )
    notices.replaceChildren(...(setup.notices || []).map((n) => h('li', { class: 'muted' }, reasonText(n))))
  }

  const render = (setup) => {
    const declared = new Set(setup.environments || [])
    const offered = new Set(setup.offered_codes || [])
    const envBoxes = new Map()
    const pointBoxes = new Map()
    const count = h('span', { class: 'muted', testid: 'setup-offered-count' })
    const recount = () => {
      count.textContent = t('setup.offered_count', { n: [...pointBoxes.values()].filter((box) => box.checked).length })
    }
    const catalogue = [...points.values()]
    const syncPoints = () => {
      for (const [code, box] of pointBoxes) {
        const env = points.get(code).environment
        const open = envBoxes.get(env).checked
        if (!open) box.checked = false // an undeclared environment offers nothing: shown, not silently kept
        box.disabled = !open
      }
      recount()
    }
    const changed = () => {
      message.hidden = true // a refusal stays only as long as what it refused
      syncPoints()
    }
    const envFieldset = h(
      'fieldset',
      { class: 'choices' },
      h('legend', {}, t('setup.environments')),
      ...ENVIRONMENTS.map((env) => {
        const box = h('input', { type: 'checkbox', id: `setup-env-${env}`, testid: `setup-env-${env}`, checked: declared.has(env), onchange: changed })
        envBoxes.set(env, box)
        return h('label', { for: box.id, class: 'choice' }, box, ' ', environmentName({ environment: env, environment_zh: ENV_ZH[env] }))
      }),
    )
    const groups = ENVIRONMENTS.map((env) =>
      h(
        'fieldset',
        { class: 'choices setup-points', testid: `setup-points-${env}` },
        h('legend', {}, environmentName({ environment: env, environment_zh: ENV_ZH[env] })),
        ...catalogue
          .filter((p) => p.environment === env)
          .map((p) => {
            const box = h('input', { type: 'checkbox', id: `setup-point-${p.code}`, testid: `setup-point-${p.code}`, checked: offered.has(p.code), onchange: changed })
            pointBoxes.set(p.code, box)
            return h('label', { for: box.id, class: 'choice' }, box, ' ', `${p.code} ${pointName(p)}`, h('span', { class: 'muted' }, ` · ${dimensionName(p)}`))
          }),
      ),
    )
    const opens = h('input', { type: 'date', id: 'setup-opens', testid: 'setup-opens', value: setup.opens_on || '', oninput: changed })
    const closes = h('input', { type: 'date', id: 'setup-closes', testid: 'setup-closes', value: setup.closes_on || '', oninput: changed })
    const save = h('button', { type: 'button', class: 'primary', testid: 'setup-save' }, t('setup.save'))
    save.addEventListener('click', async () => {
      save.disabled = true
      try {
        const out = await api.put(`/api/schools/${schoolId}/setup`, {
          environments: ENVIRONMENTS.filter((env) => envBoxes.get(env).checked),
          offered_codes: [...pointBoxes].filter(([, box]) => box.checked).map(([code]) => code),
          opens_on: opens.value,
          closes_on: closes.value || null,
        })
        for (const point of points.values()) point.offered = out.offered_codes.includes(point.code)
        describe(out)
        render(out)
        say(t('setup.saved'), 'info')
        await onSaved?.()
      } catch (err) {
        say(errorLines(err), 'error')
      } finally {
        save.disabled = false
      }
    })
    body.replaceChildren(
      envFieldset,
      h('h3', {}, t('setup.points'), ' ', count),
      ...groups,
      h(
        'div',
        { class: 'field-row' },
        h('div', { class: 'field' }, h('label', { for: opens.id }, t('setup.opens_on')), opens),
        h('div', { class: 'field' }, h('label', { for: closes.id }, t('setup.closes_on')), closes),
      ),
      h('div', { class: 'actions' }, save),
    )
    syncPoints()
  }

  async function load() {
    try {
      const setup = await api.get(`/api/schools/${schoolId}/setup`)
      describe(setup)
      render(setup)
    } catch (err) {
      body.replaceChildren(h('div', { class: 'notice error', role: 'alert' }, ...errorLines(err).map((line) => h('div', {}, line))))
    }
  }

  return { el, load }
}
