// The video player: hls.js where the browser has Media Source Extensions, native HLS on
// Safari/iOS, else the signed MP4 (also the fallback when hls.js fails). Links come from
// GET /api/recordings/{id}/playback and expire; a reload of the page fetches fresh ones.
import Hls from 'hls.js/light' // no subtitles, alternate audio or DRM: lessons need none
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { errorLines, t } from '../core/i18n.js'

const HLS_TYPE = 'application/vnd.apple.mpegurl'

function attach(video, links, startAt) {
  if (links.hls_url && Hls.isSupported()) {
    const hls = new Hls({ maxBufferLength: 30, enableWorker: true, startPosition: startAt > 0 ? startAt : -1 })
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) return
      hls.destroy()
      if (links.mp4_url) video.src = links.mp4_url
    })
    hls.loadSource(links.hls_url)
    hls.attachMedia(video)
    return { mode: 'hls.js', destroy: () => hls.destroy() }
  }
  if (links.hls_url && video.canPlayType(HLS_TYPE)) {
    video.src = links.hls_url
    return { mode: 'native-hls', destroy: () => {} }
  }
  video.src = links.mp4_url
  return { mode: 'mp4', destroy: () => {} }
}

/**
 * { el, video, seek(s), destroy() }; `video` is null while playback is not ready. `startAt` (seconds)
 * is where playback resumes when the page redraws after an action, so the reviewer keeps their place.
 */
export async function recordingPlayer(recordingId, { startAt = 0 } = {}) {
  const wrap = h('div', { class: 'player-wrap' })
  let links
  try {
    links = await api.get(`/api/recordings/${recordingId}/playback`)
  } catch (err) {
    wrap.classList.add('empty')
    wrap.append(h('div', { class: 'notice info', role: 'status' }, t('player.not_ready'), ' ', errorLines(err).join(' ')))
    return { el: wrap, video: null, seek: () => {}, destroy: () => {} }
  }
  if (!links.hls_url && !links.mp4_url) {
    wrap.classList.add('empty')
    wrap.append(h('div', { class: 'notice info' }, t('player.not_ready')))
    return { el: wrap, video: null, seek: () => {}, destroy: () => {} }
  }
  const video = h('video', {
    class: 'player',
    testid: 'player',
    controls: true,
    playsinline: true,
    preload: 'metadata',
    poster: links.poster_url || null,
    'aria-label': t('player.label'),
  })
  const source = attach(video, links, startAt)
  // Seeking before the metadata is known is ignored by some browsers, so wait for it.
  if (startAt > 0) video.addEventListener('loadedmetadata', () => (video.currentTime = startAt), { once: true })
  video.dataset.mode = source.mode
  wrap.append(video)
  return {
    el: wrap,
    video,
    seek(seconds) {
      video.currentTime = Math.max(0, Number(seconds) || 0)
    },
    destroy() {
      source.destroy()
      video.removeAttribute('src')
      video.load()
    },
  }
}
