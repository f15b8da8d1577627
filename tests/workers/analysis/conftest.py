"""Shared fixtures for the analysis tests: the face models, loaded once, and the shared media guard."""

from __future__ import annotations

import pytest

from tests import analysis_media
from tests.plugins.db import REQUIRE_SERVICES
from workers.video import face_detector, faces


@pytest.fixture(scope="session")
def models() -> faces.FaceModels:
    return faces.load_models()


@pytest.fixture(scope="session")
def detector() -> face_detector.FaceDetector:
    return face_detector.load_detector()


@pytest.fixture(autouse=True)
def _shared_media() -> None:
    if not (analysis_media.SHARED / "labels.json").is_file():
        message = f"shared media not found at {analysis_media.SHARED} (set KEJIAN_TEST_SHARED_MEDIA)"
        if REQUIRE_SERVICES:  # CI always has ../shared beside the checkout: never skip there
            pytest.fail(message)
        pytest.skip(message)
