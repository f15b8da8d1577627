// Messages of the school's hand-over to the province (学校提交) card and of its line on the 待办
// card, as [zh-CN, en].
export const HANDOVER_MESSAGES = {
  'handover.title': ['学校提交（提交至省平台）', 'Hand-over to the province'],
  'handover.lead': [
    '推送至省平台且仍为优秀的作品须达到专任教师数的 {percent}% 以上，并覆盖每门学科；满足后由学校管理员提交，提交后不能撤回。',
    "The school's excellent work on the provincial platform must reach {percent}% of its full-time teachers and cover every subject; then the school administrator hands it over, once and for good.",
  ],
  'handover.state.open': ['未提交', 'Not handed over'],
  'handover.state.handed_over': ['已提交', 'Handed over'],
  'handover.handed_over_line': ['学校提交：已于 {at} 由 {name} 提交', 'Hand-over: handed over {at} by {name}'],
  'handover.teachers': ['专任教师 {n} 人，须至少 {required} 个优秀作品（{percent}%）', '{n} full-time teachers: at least {required} excellent works needed ({percent}%)'],
  'handover.counted': ['已推送且仍为优秀：{k} 个', 'Forwarded and still excellent: {k}'],
  'handover.awaiting': ['已评为优秀、尚未推送：{n} 个（推送后才计入）', 'Graded excellent, not forwarded yet: {n} (they count once forwarded)'],
  'handover.subjects': ['各学科：', 'By subject: '],
  'handover.subject_count': ['{subject} {n}', '{subject} {n}'],
  'handover.since': [
    '提交时优秀 {at} 个，现为 {now} 个；此后省级降等 {downgraded} 个，学校新推送 {forwarded} 个。',
    'Excellent at hand-over: {at}, now {now}; since then the province downgraded {downgraded} and the school forwarded {forwarded}.',
  ],
  'handover.ready': ['条件已满足，可以提交。', 'Everything is in place: the school may hand over.'],
  'handover.missing_title': ['尚缺：', 'Still missing:'],
  'handover.submit': ['提交至省平台（学校提交）', 'Hand over to the province'],
  'handover.package': ['下载提交包', 'Download the package'],
  'handover.package_draft': ['（提交前为草稿）', '(a draft until handed over)'],
  'handover.confirm_title': ['确认提交至省平台？将提交：', 'Hand over to the province? It will receive:'],
  'handover.confirm_counted': ['已推送且仍为优秀的作品 {k} 个（须至少 {required} 个）', '{k} forwarded excellent works (at least {required} needed)'],
  'handover.confirm_subjects': ['覆盖学科：{subjects}', 'Subjects covered: {subjects}'],
  'handover.confirm_final': ['提交后不能撤回；之后仍可继续推送作品。省级抽检只从已提交的学校抽取。', 'A hand-over cannot be withdrawn; the school may still forward more work. The province samples only schools that have handed over.'],
  'handover.confirm_yes': ['确认提交', 'Yes, hand over'],
  'handover.refused': ['未能提交至省平台，尚缺：', 'The hand-over was refused; still missing:'],
  'handover.done': ['学校已于 {at} 提交至省平台。', 'The school handed over to the province {at}.'],
  'desk.handover': ['学校提交：{state}', 'Hand-over to the province: {state}'],
}
