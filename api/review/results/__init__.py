"""The teacher's overall result (``domain.teacher_result``): one teacher, a group's members, a school."""
