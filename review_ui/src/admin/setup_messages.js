// Messages of the school's programme setup and of the age-band recommendations, as [zh-CN, en].
export const SETUP_MESSAGES = {
  'setup.title': ['学校研修设置', 'Programme setup'],
  'setup.lead': [
    '申报学校具备的信息化教学环境（可多选），勾选本校提供的微能力点，并设定教师选点时间。只有当某位教师确实无法选出有效组合时才会拒绝保存，并列出是谁、为什么。',
    "Declare the school's teaching environments (several if its rooms differ), tick the points it offers and set the selection window. Saving is refused only when some teacher truly has no valid choice, and then says who and why.",
  ],
  'setup.not_configured': ['学校尚未完成设置，教师暂不能选点。', 'The school is not set up yet: teachers cannot choose points.'],
  'setup.environments': ['学校信息化环境', "The school's environments"],
  'setup.points': ['本校提供的微能力点', 'Points the school offers'],
  'setup.opens_on': ['选点开始日期', 'Selection opens on'],
  'setup.closes_on': ['选点截止日期', 'Selection closes on'],
  'setup.save': ['保存设置', 'Save the setup'],
  'setup.saved': ['设置已保存。', 'The setup is saved.'],
  'setup.age_reference': ['教师年龄按 {date} 计算（研修年度开始日）。', "Teachers' ages are taken on {date} (the programme year's start)."],
  'setup.offered_count': ['已勾选 {n} 个能力点', '{n} points ticked'],
  'setup.no_environment_points': ['请先申报学校环境。', "Declare the school's environments first."],
  'selection.recommended': ['建议主要在{envs}中选择（可选其他已开放的能力点）', 'Recommended: mainly {envs} (other open points may be chosen)'],
  'selection.recommended_badge': ['推荐', 'Recommended'],
}
