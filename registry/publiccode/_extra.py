"""Checks beyond field formats: files, deprecations, the Italian section, the network.

This is the reference's ``validateFieldsV0``, in its order. Local files (logo,
screenshots, ``authorsFile``) are checked against ``base_dir`` when one is given and
never outside it; remote ones, and the reachability of URLs, only through an injected
``UrlChecker``, so that validation stays pure unless the caller opts in.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Literal

from registry.publiccode import _formats as fmt
from registry.publiccode._decode import Path
from registry.publiccode._report import UrlChecker
from registry.publiccode._vocab import ipa_codes

__all__ = ["ExtraChecks"]

_DROP = "This key is DEPRECATED and will be removed in the future. It's safe to drop it"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_LOGO_EXTENSIONS = (".svg", ".svgz", ".png")
_SCREENSHOT_EXTENSIONS = (".jpg", ".png")

Found = tuple[Literal["error", "warning"], str, str]


@dataclass(slots=True)
class ExtraChecks:
    """Runs the extra checks over a decoded document."""

    bad: set[Path]
    base_dir: FsPath | None = None
    checker: UrlChecker | None = None
    found: list[Found] = field(default_factory=list)

    def error(self, key: str, message: str) -> None:
        self.found.append(("error", key, message))

    def warning(self, key: str, message: str) -> None:
        self.found.append(("warning", key, message))

    def get(self, container: Any, name: str, path: Path = ()) -> Any:
        if (*path, name) in self.bad or not isinstance(container, dict):
            return None
        return container.get(name)

    def run(self, doc: dict[str, Any]) -> list[Found]:
        """All findings for ``doc``, in the reference's order."""
        for name in ("url", "landingURL", "roadmap"):
            self.reachable(self.get(doc, name), name)
        self.logo(self.get(doc, "logo"), "logo")
        mono = self.get(doc, "monochromeLogo")
        if mono:
            self.warning(
                "monochromeLogo",
                "This key is DEPRECATED and will be removed in the future. Use 'logo' instead",
            )
            self.logo(mono, "monochromeLogo")
        self.countries(self.get(doc, "intendedAudience"))
        self.legal(self.get(doc, "legal"))
        for name in ("inputTypes", "outputTypes"):
            if self.get(doc, name) is not None:
                self.warning(name, _DROP)
        descriptions = self.get(doc, "description")
        if isinstance(descriptions, dict):
            for lang, text in descriptions.items():
                if ("description", lang) not in self.bad and isinstance(text, dict):
                    self.description(text, lang)
        self.italy(doc)
        return self.found

    def reachable(self, url: Any, key: str) -> None:
        if self.checker is None or not isinstance(url, str):
            return
        reason = self.checker.check(url)
        if reason is not None:
            self.error(key, f"'{url}' not reachable: {reason}")

    def local(self, relative: str) -> tuple[str, FsPath | None]:
        """The path shown in messages, and the file to look at (None: outside or unknown)."""
        if self.base_dir is None:
            return relative, None
        joined = os.path.normpath(os.path.join(self.base_dir, relative))
        # Compared as absolute, resolved paths: a base of "." (a file named relative to
        # the working directory) has no common prefix with "img/logo.png" as written,
        # and a symbolic link must not lead out of the folder.
        base = os.path.realpath(self.base_dir)
        target = os.path.realpath(joined)
        if os.path.commonpath([target, base]) != base:
            return joined, None
        return joined, FsPath(target)

    def place(self, value: str, key: str) -> bool:
        """The reference's rule: a relative path or an HTTP(S) URL, nothing else."""
        if value.startswith("/"):
            self.error(key, "is an absolute path. Only relative paths or HTTP(s) URLs allowed")
            return False
        if value.startswith("file:"):
            self.error(key, "is a file:// URL. Only relative paths or HTTP(s) URLs allowed")
            return False
        return True

    def file_problem(self, value: str, extensions: tuple[str, ...]) -> str | None:
        """Why ``value`` is not an acceptable file, or None; remote files need a checker."""
        if _SCHEME.match(value):
            if self.checker is None:
                return None
            if not value.split("?", 1)[0].split("#", 1)[0].lower().endswith(extensions):
                return f"invalid file extension for: {value}"
            reason = self.checker.check(value)
            return None if reason is None else f"HTTP GET failed for {value}: {reason}"
        shown, path = self.local(value)
        if os.path.splitext(shown)[1].lower() not in extensions:
            return f"invalid file extension for: {shown}"
        if self.base_dir is not None and (path is None or not path.is_file()):
            return f"no such file: {shown}"
        return None

    def logo(self, value: Any, key: str) -> None:
        if not isinstance(value, str) or not value or not self.place(value, key):
            return
        problem = self.file_problem(value, _LOGO_EXTENSIONS)
        if problem is None and value.lower().endswith(".png"):
            problem = self.png_problem(value)
        if problem is not None:
            self.error(key, problem)

    def png_problem(self, value: str) -> str | None:
        """Only the header is read, as Go's ``image.DecodeConfig`` does."""
        path = self.local(value)[1]
        if path is None or _SCHEME.match(value):
            return None
        with path.open("rb") as handle:
            head = handle.read(24)
        if not head.startswith(_PNG_SIGNATURE):
            return "image: unknown format"
        if len(head) < 24 or head[12:16] != b"IHDR":
            return "png: invalid format: invalid header"
        return None

    def countries(self, audience: Any) -> None:
        path = ("intendedAudience",)
        for name in ("countries", "unsupportedCountries"):
            values = self.get(audience, name, path)
            for index, code in enumerate(values if isinstance(values, list) else ()):
                if isinstance(code, str) and fmt.is_country(code) and code == code.lower():
                    self.warning(
                        f"intendedAudience.{name}[{index}]",
                        f"Lowercase country codes are DEPRECATED. Use uppercase instead "
                        f"('{code.upper()}')",
                    )

    def legal(self, legal: Any) -> None:
        authors = self.get(legal, "authorsFile", ("legal",))
        if authors is not None:
            self.warning("legal.authorsFile", _DROP)
            if self.place(str(authors), "legal.authorsFile"):
                self.authors(str(authors))
        if self.get(legal, "repoOwner", ("legal",)) is not None:
            self.warning(
                "legal.repoOwner",
                "This key is DEPRECATED and will be removed in the future. "
                "Use 'organisation.name' instead",
            )

    def authors(self, value: str) -> None:
        """A remote authors file is checked only with a checker, a local one in base_dir."""
        if _SCHEME.match(value):
            reason = self.checker.check(value) if self.checker else None
            if reason is not None:
                self.error("legal.authorsFile", f"'{value}' does not exist: {reason}")
            return
        shown, path = self.local(value)
        if self.base_dir is not None and (path is None or not path.exists()):
            message = f"'{shown}' does not exist: no such file: {shown}"
            self.error("legal.authorsFile", message)

    def description(self, text: dict[str, Any], lang: str) -> None:
        key = f"description.{lang}"
        path = ("description", lang)
        if self.get(text, "genericName", path):
            self.warning(f"{key}.genericName", _DROP)
        for name in ("documentation", "apiDocumentation"):
            self.reachable(self.get(text, name, path), f"{key}.{name}")
        shots = self.get(text, "screenshots", path)
        for index, shot in enumerate(shots if isinstance(shots, list) else ()):
            value = "" if shot is None else str(shot)
            item = f"{key}.screenshots[{index}]"
            if self.place(value, item):
                problem = self.file_problem(value, _SCREENSHOT_EXTENSIONS)
                if problem is not None:
                    self.error(item, f"'{value}' is not an image: {problem}")
        videos = self.get(text, "videos", path)
        for index, video in enumerate(videos if isinstance(videos, list) else ()):
            if video is not None and not fmt.is_oembed(str(video)):
                self.error(
                    f"{key}.videos[{index}]",
                    f"'{video}' is not a valid video URL supporting oEmbed: "
                    f"invalid oEmbed link: {video}",
                )

    def italy(self, doc: dict[str, Any]) -> None:
        upper, lower = self.get(doc, "IT"), self.get(doc, "it")
        section = upper
        if lower is not None:
            self.warning(
                "it",
                "Lowercase country codes are DEPRECATED and will be removed in the future. "
                "Use 'IT' instead",
            )
            section = lower
        if upper is not None and lower is not None:
            self.error("it", "'IT' key already present. Remove this key")
            section = upper
        if not isinstance(section, dict):
            return
        if section.get("conforme") is not None:
            self.warning("IT.conforme", _DROP)
        riuso = section.get("riuso")
        code = riuso.get("codiceIPA") if isinstance(riuso, dict) else None
        if code and code.lower() in ipa_codes():
            self.warning(
                "IT.riuso.codiceIPA",
                "This key is DEPRECATED and will be removed in the future. Use "
                f"'organisation.uri' and set it to 'urn:x-italian-pa:{code}' instead",
            )
