// Words that name the zone a time is in (Beijing time unless KEJIAN_TIMEZONE says otherwise).
export const TIME_MESSAGES = {
  'time.with_zone': ['{time}（{zone}）', '{time} ({zone})'],
  'time.column': ['{label}（{zone}）', '{label} ({zone})'],
}
