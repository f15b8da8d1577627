"""The group leader's verdict on a submission, and the rubric it is checked against."""
