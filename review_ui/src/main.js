// Entry point: language first (so the first paint is in the right one), then the app.
import { initLanguage } from './core/i18n.js'
import { startApp } from './app.js'

initLanguage()
startApp(document.getElementById('app'))
