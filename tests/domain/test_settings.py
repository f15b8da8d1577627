"""Settings: embedded defaults, derived paths, and refusing default secrets in production."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from config import Settings


def test_embedded_defaults(tmp_path):
    settings = Settings(var_dir=tmp_path)
    assert settings.database_url == f"sqlite:///{tmp_path / 'kejian.sqlite3'}"
    assert settings.storage_backend == "local" and settings.storage_local_root == tmp_path / "objects"
    assert settings.broker_url == "filesystem://"
    assert settings.max_upload_bytes == 8 * 1024**3


def test_environment_variables_configure_everything(monkeypatch):
    monkeypatch.setenv("KEJIAN_MAX_UPLOAD_BYTES", "1000")
    monkeypatch.setenv("KEJIAN_GROUP_SESSION_MIN_DURATION_S", "900")
    settings = Settings()
    assert settings.max_upload_bytes == 1000 and settings.group_session_min_duration_s == 900


def test_production_refuses_default_secrets():
    with pytest.raises(ValidationError, match="KEJIAN_SECRET_KEY"):
        Settings(environment="production")
    with pytest.raises(ValidationError, match="KEJIAN_S3_SECRET_KEY"):
        Settings(environment="production", secret_key="x" * 32, storage_backend="s3")
    assert Settings(environment="production", secret_key="x" * 32, storage_backend="s3", s3_secret_key="y" * 16)
