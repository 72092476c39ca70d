"""Settings come from REGISTRY_* variables, with clear errors and masked secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.errors import InvalidInput
from registry.settings import DEFAULT_DATABASE_URL, Settings


def test_defaults_are_the_embedded_setup() -> None:
    settings = Settings.from_env({"HOME": "/root", "PATH": "/bin"})
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.is_sqlite
    assert settings.port == 8000


def test_values_are_parsed() -> None:
    settings = Settings.from_env(
        {
            "REGISTRY_DATABASE_URL": "postgresql://reg:s3cret@db:5432/registry",
            "REGISTRY_PORT": "9000",
            "REGISTRY_DEBUG": "yes",
            "REGISTRY_LANGUAGES": "en, de",
            "REGISTRY_GIT_CACHE_DIR": "/var/cache/registry",
            "REGISTRY_HOST_TOKENS": "github.com=ghp_abc,gitlab.opencode.de=glpat-x",
        }
    )
    assert not settings.is_sqlite
    assert settings.port == 9000
    assert settings.debug is True
    assert settings.languages == ("en", "de")
    assert settings.git_cache_dir == Path("/var/cache/registry")
    assert settings.host_tokens == {"github.com": "ghp_abc", "gitlab.opencode.de": "glpat-x"}


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("REGISTRY_PORT", "eighty", "REGISTRY_PORT: expected a whole number"),
        ("REGISTRY_PORT", "-1", "REGISTRY_PORT: must not be negative"),
        ("REGISTRY_DEBUG", "maybe", "REGISTRY_DEBUG: expected true or false"),
        ("REGISTRY_HTTP_TIMEOUT_SECONDS", "0", "must be positive"),
        ("REGISTRY_HOST_TOKENS", "github.com", "expected host=token pairs"),
        ("REGISTRY_DATABSE_URL", "sqlite://", "REGISTRY_DATABSE_URL: unknown setting"),
        ("REGISTRY_LANGUAGES", " , ", "at least one language"),
    ],
)
def test_bad_values_name_the_variable(key: str, value: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        Settings.from_env({key: value})


def test_secrets_are_masked() -> None:
    shown = Settings.from_env(
        {
            "REGISTRY_DATABASE_URL": "postgresql://reg:s3cret@db/registry",
            "REGISTRY_SECRET_KEY": "topsecret",
            "REGISTRY_HOST_TOKENS": "github.com=ghp_abc",
        }
    ).masked()
    text = "\n".join(f"{k}={v}" for k, v in shown.items())
    assert "s3cret" not in text and "topsecret" not in text and "ghp_abc" not in text
    assert shown["REGISTRY_DATABASE_URL"] == "postgresql://reg:****@db/registry"
    assert shown["REGISTRY_HOST_TOKENS"] == "github.com=****"


def test_the_tests_own_overrides_pass_the_settings_check() -> None:
    """Test-only variables (REGISTRY_TEST_*) are not settings; every other name is checked."""
    settings = Settings.from_env({"REGISTRY_TEST_SHARED_DIR": "/tmp/shared"})
    assert settings.database_url == DEFAULT_DATABASE_URL
    with pytest.raises(InvalidInput, match="REGISTRY_SHARED_DIR: unknown setting"):
        Settings.from_env({"REGISTRY_SHARED_DIR": "/tmp/shared"})
