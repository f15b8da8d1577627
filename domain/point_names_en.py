"""English names of the 30 national micro-capability points, for the English UI.

The policy texts and the seeded catalogue name points in Chinese only; these are our own
translations, not policy text, so exports and verdicts keep the Chinese names. A point a
province adds under a new code has no English name and is shown in Chinese.
"""

from __future__ import annotations

NAMES_EN: dict[str, str] = {
    "A1": "Technology-supported learner analysis",
    "A2": "Finding and evaluating digital teaching resources",
    "A3": "Designing and making presentation slides",
    "A4": "Managing digital teaching resources",
    "A5": "Technology-supported lesson openings",
    "A6": "Technology-supported classroom teaching",
    "A7": "Technology-supported summing up",
    "A8": "Technology-supported guidance on learning methods",
    "A9": "Developing students' information ethics",
    "A10": "Developing students' information security",
    "A11": "Designing and using assessment rubrics",
    "A12": "Collecting assessment data as learning happens",
    "A13": "Presenting and interpreting data visually",
    "B1": "Technology-supported tests and exercises",
    "B2": "Designing and making micro-lessons",
    "B3": "Designing inquiry learning activities",
    "B4": "Technology-supported discovery and problem solving",
    "B5": "Organising and managing study groups",
    "B6": "Technology-supported presentation and exchange",
    "B7": "Home-school communication and cooperation",
    "B8": "Managing technology resources fairly",
    "B9": "Organising self- and peer assessment",
    "B10": "Portfolio assessment",
    "C1": "Designing cross-disciplinary learning activities",
    "C2": "Creating authentic learning situations",
    "C3": "Innovative ways of solving problems",
    "C4": "Supporting students' creative learning and expression",
    "C5": "Data-based individual guidance",
    "C6": "Applying data analysis models",
    "C7": "Building small data analysis models",
}


def name_en(code: str) -> str | None:
    """The English name of a national point, or None for codes we have no translation of."""
    return NAMES_EN.get(code)
