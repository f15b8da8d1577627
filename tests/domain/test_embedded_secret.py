"""The signing secret: made at random under var/ for the embedded setup, never the public default, never empty."""

from __future__ import annotations

import stat

import pytest
from pydantic import ValidationError

from config import Settings
from config.embedded_secret import SECRET_FILE, embedded_secret
from config.settings import DEFAULT_SECRET
from scripts import run_embedded


def test_a_fresh_var_dir_gets_a_private_random_secret_reused_on_restart(tmp_path):
    first = Settings(var_dir=tmp_path / "var")
    path = tmp_path / "var" / SECRET_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600, "only the server's user may read it"
    assert first.secret_key == path.read_text() and len(first.secret_key) >= 48
    assert first.secret_key != DEFAULT_SECRET
    assert Settings(var_dir=tmp_path / "var").secret_key == first.secret_key, "a restart reuses it"
    assert Settings(var_dir=tmp_path / "other").secret_key != first.secret_key, "each setup its own"


def test_an_explicit_secret_wins_and_writes_nothing(tmp_path):
    settings = Settings(var_dir=tmp_path, secret_key="s" * 40)
    assert settings.secret_key == "s" * 40 and not (tmp_path / SECRET_FILE).exists()


@pytest.mark.parametrize("environment", ["local", "test", "production"])
def test_the_public_default_is_refused_everywhere(tmp_path, environment):
    with pytest.raises(ValidationError, match="public default"):
        Settings(var_dir=tmp_path, environment=environment, secret_key=DEFAULT_SECRET)


@pytest.mark.parametrize("environment", ["production", "staging"])
def test_an_empty_or_short_secret_is_refused_outside_tests_and_the_embedded_setup(tmp_path, environment):
    with pytest.raises(ValidationError, match="KEJIAN_SECRET_KEY"):
        Settings(var_dir=tmp_path, environment=environment)
    with pytest.raises(ValidationError, match="at least 16"):
        Settings(var_dir=tmp_path, environment=environment, secret_key="short")


def test_tests_get_a_random_secret_of_their_own(tmp_path):
    one, two = Settings(var_dir=tmp_path, environment="test"), Settings(var_dir=tmp_path, environment="test")
    assert one.secret_key and one.secret_key != two.secret_key
    assert not (tmp_path / SECRET_FILE).exists()


def test_a_truncated_secret_file_is_refused_not_used(tmp_path):
    (tmp_path / SECRET_FILE).write_text("abc")
    with pytest.raises(ValueError, match="no usable secret"):
        embedded_secret(tmp_path)


def test_make_run_makes_the_secret_before_starting_anything(tmp_path):
    env = run_embedded.embedded_env({"KEJIAN_VAR_DIR": str(tmp_path)}, tmp_path)
    assert env["KEJIAN_SECRET_KEY"] == (tmp_path / SECRET_FILE).read_text()
    kept = run_embedded.embedded_env({"KEJIAN_SECRET_KEY": "k" * 40}, tmp_path / "elsewhere")
    assert kept["KEJIAN_SECRET_KEY"] == "k" * 40 and not (tmp_path / "elsewhere" / SECRET_FILE).exists()
