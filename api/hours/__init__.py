"""The 学时 ledger (issue 20): online hours imported by 工号, a teacher's hours, a school's and the province's."""
