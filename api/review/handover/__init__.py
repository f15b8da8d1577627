"""The school's hand-over to the province (学校提交): its state, the check, and the package it uploads."""
