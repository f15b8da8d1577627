"""Static checks on the deployment files: docker-compose.yml, Dockerfile and .env.example.

No Docker engine is needed: the compose file is validated against the Compose Specification
schema bundled with check-jsonschema (offline), then its wiring is checked with PyYAML.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from config.settings import DEFAULT_SECRET, Settings
from pipeline import task_names

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"

SECRET_NAME = re.compile(r"SECRET|PASSWORD")
# Matches `$$` (an escaped dollar, left for the container's shell) or a variable reference.
DOLLAR = re.compile(r"\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))")
REQUIRED_REF = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*):\?[^}]*\}$")
SUBST = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")


# --- helpers -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


@pytest.fixture(scope="module")
def env_example() -> dict[str, str]:
    values: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        assert sep, f".env.example line is not NAME=value: {line!r}"
        values[name.strip()] = value.strip()
    return values


def strings(node):
    """Every string scalar in a loaded YAML tree (values only; comments are already gone)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings(item)


def interpolated(text: str) -> set[str]:
    names = set()
    for match in DOLLAR.finditer(text):
        name = match.group(1) or match.group(2)
        if name:  # None for `$$`
            names.add(name)
    return names


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.partition("=")[::2] for item in env)
    return {key: "" if value is None else str(value) for key, value in env.items()}


def depends_on(service: dict) -> dict[str, str]:
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return {name: "service_started" for name in deps}
    return {name: (spec or {}).get("condition", "service_started") for name, spec in deps.items()}


def argv(command) -> list[str]:
    if command is None:
        return []
    return shlex.split(command) if isinstance(command, str) else [str(part) for part in command]


def option(args: list[str], *names: str) -> str | None:
    for index, arg in enumerate(args):
        for name in names:
            if arg == name and index + 1 < len(args):
                return args[index + 1]
            if name.startswith("--") and arg.startswith(name + "="):
                return arg.split("=", 1)[1]
    return None


def resolve(text: str, variables: dict[str, str]) -> str:
    """Compose-style interpolation for ${VAR}, ${VAR:-default}, ${VAR:?error} (no nesting)."""

    def substitute(match: re.Match) -> str:
        name, op, arg = match.group(1), match.group(2), match.group(3)
        value = variables.get(name)
        if op in (":-", ":?") and not value or op in ("-", "?") and value is None:
            if op.endswith("?"):
                raise AssertionError(f"${{{name}}} is required: {arg}")
            return arg
        return value or ""

    return SUBST.sub(substitute, text).replace("$$", "$")


def healthcheck_test(service: dict) -> list[str]:
    check = service.get("healthcheck") or {}
    if check.get("disable"):
        return []
    test = check.get("test") or []
    return argv(test) if isinstance(test, str) else [str(part) for part in test]


def celery_args(service: dict) -> list[str]:
    args = argv(service.get("command"))
    return args if args[:1] == ["celery"] else []


def app_services(services: dict) -> dict[str, dict]:
    """Services running the Kejian image (built from ./Dockerfile)."""
    return {name: svc for name, svc in services.items() if "build" in svc}


# --- (a) Compose Specification schema ------------------------------------------------


def _offline_env() -> dict[str, str]:
    """Route any HTTP(S) request to a dead port, so a schema fetch would fail loudly."""
    env = {k: v for k, v in os.environ.items() if k.lower() not in {"no_proxy"}}
    for key in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        env[key] = "http://127.0.0.1:9"
    return env


def run_check_jsonschema(path: Path) -> subprocess.CompletedProcess:
    assert CHECK_JSONSCHEMA.exists(), f"check-jsonschema not installed next to {sys.executable}"
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.compose-spec", str(path)],
        capture_output=True,
        text=True,
        env=_offline_env(),
        timeout=120,
    )


def test_builtin_compose_schema_is_vendored_and_self_contained():
    import check_jsonschema

    schema_file = Path(check_jsonschema.__file__).parent / "builtin_schemas" / "vendor" / "compose-spec.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema["title"] == "Compose Specification"
    refs = set(re.findall(r'"\$ref"\s*:\s*"([^"]*)"', schema_file.read_text(encoding="utf-8")))
    remote = sorted(ref for ref in refs if not ref.startswith("#"))
    assert not remote, f"builtin compose schema references external documents: {remote}"


def test_compose_file_matches_compose_spec_schema_offline():
    result = run_check_jsonschema(COMPOSE_FILE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok" in result.stdout.lower()


def test_schema_check_rejects_an_invalid_compose_file(tmp_path):
    """Guard against a vacuous validator: a misspelt service key must fail."""
    broken = tmp_path / "docker-compose.yml"
    broken.write_text("services:\n  api:\n    imagee: kejian:latest\n", encoding="utf-8")
    result = run_check_jsonschema(broken)
    assert result.returncode != 0
    assert "imagee" in result.stdout + result.stderr


def test_no_obsolete_version_key(compose):
    assert "version" not in compose


# --- (b) wiring ----------------------------------------------------------------------


def test_expected_services_exist(services):
    expected = {
        "api", "worker-probe", "worker-analyze", "worker-transcode", "beat",
        "postgres", "minio", "minio-setup", "redis",
    }  # fmt: skip
    assert expected <= set(services), f"missing: {sorted(expected - set(services))}"


def test_depends_on_names_existing_services(services):
    for name, service in services.items():
        for dependency, condition in depends_on(service).items():
            assert dependency in services, f"{name} depends on unknown service {dependency!r}"
            assert dependency != name, f"{name} depends on itself"
            assert condition in {"service_started", "service_healthy", "service_completed_successfully"}


def test_depends_on_graph_has_no_cycles(services):
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == "done":
            return
        assert state.get(name) != "active", f"dependency cycle: {' -> '.join(path + [name])}"
        state[name] = "active"
        for dependency in depends_on(services[name]):
            if dependency in services:  # unknown names are reported by the test above
                visit(dependency, path + [name])
        state[name] = "done"

    for name in services:
        visit(name, [])
    assert set(state) == set(services)


def test_healthy_dependencies_define_a_healthcheck(services):
    waited_on = {
        dependency
        for service in services.values()
        for dependency, condition in depends_on(service).items()
        if condition == "service_healthy"
    }
    assert {"postgres", "redis", "minio"} <= waited_on
    for name in waited_on:
        assert healthcheck_test(services[name]), f"{name} is waited on as service_healthy but has no healthcheck"


def test_one_shot_dependencies_do_not_restart(services):
    one_shots = {
        dependency
        for service in services.values()
        for dependency, condition in depends_on(service).items()
        if condition == "service_completed_successfully"
    }
    assert "minio-setup" in one_shots
    for name in one_shots:
        assert str(services[name].get("restart", "no")) in {"no", "on-failure"}, (
            f"{name} runs to completion; restart {services[name]['restart']!r} would rerun it forever"
        )


def test_long_running_services_have_a_restart_policy(services):
    for name, service in services.items():
        if name in {"migrate", "minio-setup"}:
            continue
        assert service.get("restart") in {"always", "unless-stopped"}, f"{name} has no restart policy"


def test_migrations_run_before_the_app(services):
    app = app_services(services)
    migration_runners = [n for n, s in app.items() if argv(s.get("command"))[:3] == ["alembic", "upgrade", "head"]]
    api_args = argv(services["api"].get("command"))
    if not migration_runners:  # inline `alembic upgrade head && uvicorn ...` in the api service
        assert "alembic upgrade head" in " ".join(api_args)
        return
    assert len(migration_runners) == 1
    runner = migration_runners[0]
    assert depends_on(services[runner]).get("postgres") == "service_healthy"
    for name in app:
        if name != runner:
            assert depends_on(services[name]).get(runner) == "service_completed_successfully", (
                f"{name} must wait for {runner} to finish"
            )


def test_app_services_wait_for_infrastructure(services):
    for name, service in app_services(services).items():
        deps = depends_on(service)
        assert deps.get("postgres") == "service_healthy", name
        if name in {"api"} or celery_args(service):
            assert deps.get("redis") == "service_healthy", name
        if name == "api" or "worker" in celery_args(service):
            assert deps.get("minio-setup") == "service_completed_successfully", name


def test_api_serves_the_app_and_checks_healthz(services):
    api = services["api"]
    args = argv(api.get("command"))
    assert "uvicorn" in args and "api.main:app" in args
    assert option(args, "--host") == "0.0.0.0"
    assert option(args, "--port") == "8000"
    assert any("/healthz" in part for part in healthcheck_test(api))
    assert any(str(port).endswith(":8000") for port in api.get("ports", []))


@pytest.mark.parametrize("queue", task_names.QUEUES)
def test_one_worker_per_queue_with_prefetch_one(services, queue):
    consumers = {
        name: args
        for name, svc in services.items()
        if "worker" in (args := celery_args(svc)) and queue in (option(args, "-Q", "--queues") or "").split(",")
    }
    assert len(consumers) == 1, f"queue {queue!r} must have exactly one worker service, got {sorted(consumers)}"
    ((name, args),) = consumers.items()
    assert option(args, "-Q", "--queues") == queue, f"{name} must consume only {queue!r}"
    assert option(args, "-A", "--app") == "workers.celery_app"
    assert option(args, "--prefetch-multiplier") == "1"
    assert option(args, "-n", "--hostname") == f"{queue}@%h"
    ping = " ".join(healthcheck_test(services[name]))
    assert "inspect ping" in ping and f"{queue}@" in ping, f"{name} healthcheck must ping its own node"


def test_workers_consume_only_known_queues(services):
    consumed = set()
    for service in services.values():
        args = celery_args(service)
        if "worker" in args:
            consumed.update((option(args, "-Q", "--queues") or "").split(","))
    assert consumed == set(task_names.QUEUES)


def test_exactly_one_beat_with_persistent_schedule(services):
    beats = {name: svc for name, svc in services.items() if "beat" in celery_args(svc)}
    assert len(beats) == 1, f"exactly one beat service, got {sorted(beats)}"
    ((name, beat),) = beats.items()
    assert option(celery_args(beat), "-A", "--app") == "workers.celery_app"
    assert (beat.get("deploy") or {}).get("replicas", 1) == 1, "beat must never run more than once"
    schedule = option(celery_args(beat), "-s", "--schedule")
    assert schedule, "beat needs an explicit --schedule path (the image's workdir is not writable)"
    mounts = [str(v).split(":")[1] for v in beat.get("volumes", [])]
    assert any(schedule.startswith(target.rstrip("/") + "/") for target in mounts), (
        f"beat schedule {schedule} is not on a volume"
    )


def test_minio_setup_creates_the_bucket_idempotently(services):
    setup = services["minio-setup"]
    script = " ".join(argv(setup.get("entrypoint")) + argv(setup.get("command")))
    assert "mc alias set" in script
    assert "mc mb --ignore-existing" in script
    assert depends_on(setup) == {"minio": "service_healthy"}
    bucket = environment(setup)["KEJIAN_S3_BUCKET"]
    for name, service in app_services(services).items():
        assert environment(service)["KEJIAN_S3_BUCKET"] == bucket, f"{name} uses a different bucket"


def test_data_lives_on_named_volumes(compose, services):
    declared = set(compose.get("volumes") or {})
    expected_mounts = {"postgres": "/var/lib/postgresql/data", "redis": "/data", "minio": "/data"}
    for name, target in expected_mounts.items():
        mounts = {str(v).split(":")[1]: str(v).split(":")[0] for v in services[name].get("volumes", [])}
        assert mounts.get(target) in declared, f"{name} data at {target} must be on a named volume"
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = str(volume).split(":")[0]
            if not source.startswith((".", "/")):
                assert source in declared, f"{name} mounts undeclared volume {source!r}"
    for name, service in services.items():
        args = celery_args(service)
        if "worker" in args:
            var_dir = environment(service)["KEJIAN_VAR_DIR"]
            targets = [str(v).split(":")[1] for v in service.get("volumes", [])]
            assert f"{var_dir}/scratch" in targets or var_dir in targets, f"{name} has no scratch volume"


def test_app_services_share_one_production_environment(services):
    app = app_services(services)
    assert {"api", "beat", "worker-probe", "worker-analyze", "worker-transcode"} <= set(app)
    envs = {name: environment(svc) for name, svc in app.items()}
    reference = envs["api"]
    for name, env in envs.items():
        assert env == reference, f"{name} environment differs from api's"
    assert reference["KEJIAN_ENVIRONMENT"] == "production"
    assert reference["KEJIAN_STORAGE_BACKEND"] == "s3"
    assert reference["KEJIAN_S3_ENDPOINT"] == "minio:9000"
    assert reference["KEJIAN_BROKER_URL"].startswith("redis://redis:6379/")
    assert reference["KEJIAN_VAR_DIR"] == "/var/lib/kejian"
    assert "KEJIAN_S3_PUBLIC_ENDPOINT" in reference
    images = {svc.get("image") for svc in app.values()}
    assert len(images) == 1, f"app services must share one image, got {images}"


# --- secrets and settings ------------------------------------------------------------


def test_secrets_come_from_required_interpolation(services):
    seen = set()
    for name, service in services.items():
        for key, value in environment(service).items():
            if SECRET_NAME.search(key):
                seen.add(key)
                assert REQUIRED_REF.match(value), f"{name}.{key} must be ${{VAR:?message}}, got {value!r}"
    assert {"KEJIAN_SECRET_KEY", "KEJIAN_S3_SECRET_KEY", "POSTGRES_PASSWORD", "MINIO_ROOT_PASSWORD"} <= seen


def test_database_url_password_is_interpolated(services):
    for name, service in app_services(services).items():
        url = environment(service)["KEJIAN_DATABASE_URL"]
        match = re.match(r"^[a-z+]+://[^:/@]+:(.+)@[^@]+$", url)
        assert match, f"{name}: unexpected database URL {url!r}"
        assert REQUIRED_REF.match(match.group(1)), f"{name}: database password must be ${{VAR:?...}}"


def test_no_secret_variable_has_a_default(compose):
    for text in strings(compose):
        for name, op, _ in SUBST.findall(text):
            if SECRET_NAME.search(name):
                assert op in ("", ":?", "?"), f"${{{name}}} must not carry a default value ({text!r})"


def test_no_known_insecure_default_is_hardcoded(compose):
    for text in strings(compose):
        assert DEFAULT_SECRET not in text
        assert "minioadmin" not in text


def test_kejian_variables_are_settings_fields(compose, services):
    names = set()
    for service in services.values():
        names.update(key for key in environment(service) if key.startswith("KEJIAN_"))
    for text in strings(compose):
        names.update(name for name in interpolated(text) if name.startswith("KEJIAN_"))
    assert names, "compose sets no KEJIAN_ variables"
    unknown = sorted(n for n in names if n[len("KEJIAN_") :].lower() not in Settings.model_fields)
    assert not unknown, f"not fields of config.settings.Settings: {unknown}"


def test_resolved_environment_builds_valid_production_settings(services, env_example, monkeypatch):
    """Interpolate with .env.example (secrets filled in) and load Settings from the result."""
    variables = {k: v or f"test-{k.lower()}-0123456789abcdef" for k, v in env_example.items()}
    env = {key: resolve(value, variables) for key, value in environment(services["api"]).items()}
    for key in list(os.environ):
        if key.startswith("KEJIAN_"):
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings = Settings()
    assert settings.environment == "production"
    assert settings.secret_key == variables["KEJIAN_SECRET_KEY"] != DEFAULT_SECRET
    assert settings.s3_secret_key == variables["MINIO_ROOT_PASSWORD"]
    assert settings.s3_access_key == variables["MINIO_ROOT_USER"]
    assert settings.s3_secure is False
    assert settings.s3_public_endpoint == env_example["KEJIAN_S3_PUBLIC_ENDPOINT"]
    url = urlsplit(settings.database_url)
    assert url.scheme == "postgresql+psycopg"
    assert (url.hostname, url.port, url.path.lstrip("/")) == ("postgres", 5432, "kejian")
    assert url.password == variables["POSTGRES_PASSWORD"]
    postgres_env = environment(services["postgres"])
    assert url.username == postgres_env["POSTGRES_USER"]
    assert url.path.lstrip("/") == postgres_env["POSTGRES_DB"]


# --- .env.example ---------------------------------------------------------------------


def test_env_example_covers_every_interpolated_variable(compose, env_example):
    used = set()
    for text in strings(compose):
        used |= interpolated(text)
    assert used, "compose interpolates no variables"
    missing = sorted(used - set(env_example))
    assert not missing, f".env.example lacks: {missing}"
    stale = sorted(set(env_example) - used)
    assert not stale, f".env.example lists variables compose never reads: {stale}"


def test_env_example_ships_no_secret_values(env_example):
    secrets = {name: value for name, value in env_example.items() if SECRET_NAME.search(name)}
    assert {"KEJIAN_SECRET_KEY", "POSTGRES_PASSWORD", "MINIO_ROOT_PASSWORD"} <= set(secrets)
    assert all(value == "" for value in secrets.values()), f"secrets must be left blank: {secrets}"


# --- Dockerfile ----------------------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            out.append((keyword.upper(), rest.strip()))
    return out


def test_dockerfile_base_image_and_ffmpeg():
    instructions = dockerfile_instructions()
    froms = [rest for kw, rest in instructions if kw == "FROM"]
    assert froms and froms[-1].split()[0] == "python:3.11-slim-bookworm"
    runs = [rest for kw, rest in instructions if kw == "RUN"]
    assert any(re.search(r"apt-get\b.*\binstall\b.*\bffmpeg\b", run) for run in runs), "ffmpeg is not installed"
    assert any(re.search(r"\bpip3? install\b.*-r requirements\.txt", run) for run in runs)


def test_dockerfile_runs_as_non_root_and_defaults_to_the_api():
    instructions = dockerfile_instructions()
    users = [rest for kw, rest in instructions if kw == "USER"]
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    cmd = [rest for kw, rest in instructions if kw == "CMD"]
    assert cmd and "uvicorn" in cmd[-1] and "api.main:app" in cmd[-1]


def test_dockerfile_copies_every_runtime_package():
    copies = [rest.split() for kw, rest in dockerfile_instructions() if kw == "COPY"]
    copies = [args for args in copies if not any(a.startswith("--from=") for a in args)]  # from a build stage
    sources = set()
    for args in copies:
        paths = [arg for arg in args if not arg.startswith("--")]
        sources.update(Path(src).as_posix().rstrip("/") for src in paths[:-1])
    if "." in sources:  # whole-context copy: only safe with a .dockerignore that drops secrets and the venv
        ignore = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
        assert ".env" in ignore and any(p.strip("/") == ".venv" for p in ignore)
        return
    for source in sources:
        assert (ROOT / source).exists(), f"Dockerfile copies missing path {source!r}"
    skip = {"tests", "bench", "docs", "var", "scripts"}  # scripts: the dev-only embedded launcher
    packages = {
        child.name
        for child in ROOT.iterdir()
        if child.is_dir() and not child.name.startswith(".") and child.name not in skip and any(child.rglob("*.py"))
    }
    assert packages, "no runtime packages found"
    missing = sorted(packages - sources)
    assert not missing, f"Dockerfile does not COPY: {missing}"
    assert {"alembic.ini", "requirements.txt"} <= sources
