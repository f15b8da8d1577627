// 能力点评价标准: the school admin edits the rubric of each point the school offers (titles and
// the 优秀 / 合格 / 不合格 descriptions, English optional, add and remove criteria) and saves it as
// a new version (PUT /api/schools/{id}/rubrics/{code}); graded work keeps the version it was
// graded under. Every problem the server finds is listed in the current language.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { dateTime } from '../core/format.js'
import { errorLines, t } from '../core/i18n.js'

const TEXTS = ['title', 'excellent', 'pass', 'fail']

function textInput(criterion, field, n, onInput) {
  const multiline = field !== 'title_zh' && field !== 'title_en'
  const attrs = { id: `rubric-edit-${n}-${field}`, testid: `rubric-edit-${n}-${field}`, value: criterion[field] || '' }
  const el = multiline ? h('textarea', { ...attrs, rows: '2' }) : h('input', { ...attrs, type: 'text' })
  el.addEventListener('input', () => onInput(field, el.value))
  return el
}

function criterionEditor(criterion, n, itemKeys, { onRemove }) {
  const set = (field, value) => {
    criterion[field] = value
  }
  const onlyBox = h('input', { type: 'checkbox', id: `rubric-edit-${n}-only`, testid: `rubric-edit-${n}-only`, checked: criterion.excellent_only })
  const failZh = textInput(criterion, 'fail_zh', n, set)
  const failEn = textInput(criterion, 'fail_en', n, set)
  const syncOnly = () => {
    criterion.excellent_only = onlyBox.checked
    failZh.disabled = failEn.disabled = onlyBox.checked
  }
  onlyBox.addEventListener('change', syncOnly)
  const item = h(
    'select',
    { id: `rubric-edit-${n}-item`, testid: `rubric-edit-${n}-item` },
    h('option', { value: '' }, t('rubric_form.whole_point')),
    ...itemKeys.map((key) => h('option', { value: key }, key)),
  )
  item.value = criterion.item_key || ''
  item.addEventListener('change', () => set('item_key', item.value || null))
  const field = (name, input) => h('div', { class: 'field' }, h('label', { for: input.id }, t(`rubric_edit.${name}`)), input)
  const zh = TEXTS.map((base) => field(`${base}_zh`, base === 'fail' ? failZh : textInput(criterion, `${base}_zh`, n, set)))
  const en = TEXTS.map((base) =>
    h('div', { class: 'field' }, h('label', {}, `${t(`rubric_edit.${base}_zh`)} (EN)`), base === 'fail' ? failEn : textInput(criterion, `${base}_en`, n, set)),
  )
  syncOnly()
  // Collapsed to its title so a ten-criterion rubric stays short; a new criterion opens for typing.
  return h(
    'details',
    { class: 'criterion-edit', testid: `rubric-edit-criterion-${n}`, open: !criterion.key },
    h('summary', { testid: `rubric-edit-${n}-summary` }, t('rubric_edit.criterion', { n: n + 1 }), criterion.title_zh ? `：${criterion.title_zh}` : ''),
    field('item', item),
    ...zh,
    h('div', { class: 'field' }, h('label', {}, onlyBox, ' ', t('rubric_edit.excellent_only'))),
    h('details', {}, h('summary', {}, t('rubric_edit.english')), ...en),
    h('div', { class: 'actions' }, h('button', { type: 'button', testid: `rubric-edit-${n}-remove`, onclick: onRemove }, t('rubric_edit.remove'))),
  )
}

/** A criterion as the editor holds it: the server's fields, minus what it computes. */
function editable(c) {
  const { levels: _levels, ...rest } = c
  return { ...rest }
}

export function rubricEditor({ schoolId }) {
  const pointSelect = h('select', { id: 'rubric-point', testid: 'rubric-point' })
  const head = h('p', { class: 'muted', testid: 'rubric-edit-version' })
  const list = h('div', { class: 'criteria-edit' })
  const message = h('div', { class: 'notice info', role: 'status', hidden: true, testid: 'rubric-edit-saved' })
  const problem = h('div', { class: 'notice error', role: 'alert', hidden: true, testid: 'rubric-edit-problem' })
  const versions = h('ul', { class: 'muted', testid: 'rubric-versions' })
  const body = h('div')
  const el = h('section', { class: 'card', testid: 'rubric-editor' }, h('h2', {}, t('rubric_edit.title')), h('p', { class: 'muted' }, t('rubric_edit.lead')), body)
  let state = null // { code, version, itemKeys, criteria }

  const draw = () => {
    list.replaceChildren(
      ...state.criteria.map((c, n) =>
        criterionEditor(c, n, state.itemKeys, {
          onRemove: () => {
            state.criteria.splice(n, 1)
            draw()
          },
        }),
      ),
    )
  }

  // Each open() starts a generation; a rubric (or its versions) that arrives after the admin chose
  // another point is dropped. Before, the first point's late answer could replace the one chosen,
  // and 保存 would have written it under that point while the list said another.
  let generation = 0
  const showVersions = async (mine) => {
    const rows = await api.get(`/api/schools/${schoolId}/rubrics/${state.code}/versions`).catch(() => [])
    if (mine !== generation) return
    versions.replaceChildren(
      ...rows.map((v) =>
        h('li', {}, t('rubric_edit.version_row', { version: v.version, count: v.criteria_count, who: v.created_by_name || t('rubric_edit.seed_author'), at: dateTime(v.created_at) })),
      ),
    )
  }

  const open = async (code) => {
    const mine = ++generation
    problem.hidden = message.hidden = true
    const rubric = await api.get(`/api/schools/${schoolId}/rubrics/${code}`)
    if (mine !== generation) return
    state = { code, version: rubric.version, itemKeys: rubric.item_keys, criteria: rubric.criteria.map(editable) }
    head.dataset.version = String(rubric.version)
    head.textContent = rubric.is_seed ? t('rubric_edit.version_seed') : t('rubric_edit.version', { version: rubric.version })
    draw()
    await showVersions(mine)
  }

  const add = h(
    'button',
    {
      type: 'button',
      testid: 'rubric-edit-add',
      onclick: () => {
        state.criteria.push({ key: '', item_key: null, title_zh: '', excellent_zh: '', pass_zh: '', fail_zh: '', excellent_only: false })
        draw()
        list.lastElementChild?.querySelector('input[type=text]')?.focus()
      },
    },
    t('rubric_edit.add'),
  )
  const save = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      testid: 'rubric-edit-save',
      onclick: async () => {
        problem.hidden = message.hidden = true
        save.disabled = true
        try {
          const out = await api.put(`/api/schools/${schoolId}/rubrics/${state.code}`, { base_version: state.version, criteria: state.criteria })
          await open(state.code)
          message.textContent = t('rubric_edit.saved', { version: out.version })
          message.hidden = false
        } catch (err) {
          problem.replaceChildren(...errorLines(err).map((line) => h('div', {}, line)))
          problem.hidden = false
        } finally {
          save.disabled = false
        }
      },
    },
    t('rubric_edit.save'),
  )
  pointSelect.addEventListener('change', () => open(pointSelect.value))

  async function load() {
    let points
    try {
      points = await api.get(`/api/schools/${schoolId}/rubrics`)
    } catch (err) {
      // e.g. the school has no setup yet (409): say why here, the rest of the page still works
      body.replaceChildren(h('div', { class: 'notice error', role: 'alert' }, ...errorLines(err).map((line) => h('div', {}, line))))
      return
    }
    if (!points.length) {
      body.replaceChildren(h('p', { class: 'muted' }, t('rubric_edit.no_points')))
      return
    }
    const keep = state && points.some((p) => p.capability_code === state.code) ? state.code : points[0].capability_code
    pointSelect.replaceChildren(...points.map((p) => h('option', { value: p.capability_code }, `${p.capability_code} ${p.name_zh}`)))
    pointSelect.value = keep
    body.replaceChildren(
      h('div', { class: 'field' }, h('label', { for: 'rubric-point' }, t('rubric_edit.point')), pointSelect),
      head,
      list,
      h('div', { class: 'actions' }, add, save),
      message,
      problem,
      h('details', {}, h('summary', {}, t('rubric_edit.versions')), versions),
    )
    await open(keep)
  }

  return { el, load }
}
