// 我的参考照片: the teacher's own photo control, with why the photo is asked for and what it is
// kept for. Draws at once and fills in the state when the teacher's row arrives.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { t } from '../core/i18n.js'
import { photoControl } from './reference_photo.js'

export function myPhotoCard(teacherId) {
  const slot = h('div')
  let control = null
  let destroyed = false
  const el = h(
    'section',
    { class: 'card my-photo', testid: 'my-photo' },
    h('h2', {}, t('photo.my_title')),
    h('p', {}, t('photo.my_why')),
    h('p', { class: 'muted' }, t('photo.hint')),
    slot,
  )
  api
    .get(`/api/teachers/${teacherId}`)
    .catch(() => ({ id: teacherId })) // without the row the control reads the photos themselves
    .then((teacher) => {
      if (destroyed) return
      control = photoControl({ ...teacher, id: teacherId })
      slot.replaceChildren(control.el)
    })
  return {
    el,
    destroy: () => {
      destroyed = true
      control?.destroy()
    },
  }
}
