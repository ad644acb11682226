"""Fetch the sets of external.toml (public, not vendorable here) into the real-world cache.

    python -m tests.realworld.fetch_external [NAME...]

Each set's folder is taken from GitHub's tarball of its pinned commit and written, verbatim, to
`$MIGWIZ_REALWORLD_CACHE/<name>/migrations` (the files its `beside` names, from the folder's parent, to
`<name>/`) (default `~/.cache/migwiz/realworld`), with a `COMMIT` file
naming the commit; a set already there at that commit is left alone. test_external.py runs on what is there.
"""

from __future__ import annotations

import io
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

from tests.realworld.realsets import EXTERNAL, EXTERNAL_DIR, RealSet


def fetch(real: RealSet) -> Path:
    """The set's folder in the cache, downloaded first unless it is there at the pinned commit."""
    target = real.folder
    marker = target.parent / "COMMIT"
    if marker.is_file() and marker.read_text(encoding="utf-8").strip() == real.commit:
        return target
    url = f"https://codeload.github.com/{real.repo}/tar.gz/{real.commit}"
    with urllib.request.urlopen(url, timeout=300) as response:
        data = response.read()
    shutil.rmtree(target.parent, ignore_errors=True)
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            rest = member.name.partition("/")[2]  # <repo>-<commit>/<path inside the repository>
            parent = real.path.rpartition("/")[0]
            if member.isfile() and rest in {f"{parent}/{b}".lstrip("/") for b in real.beside}:
                source = archive.extractfile(member)
                assert source is not None
                (target.parent / Path(rest).name).write_bytes(source.read())
                continue
            if not rest.startswith(real.path + "/") or not (member.isfile() or member.isdir()):
                continue
            inside = Path(rest[len(real.path) + 1 :])
            if inside.is_absolute() or ".." in inside.parts:
                continue
            if member.isdir():
                (target / inside).mkdir(parents=True, exist_ok=True)
                continue
            (target / inside).parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            assert source is not None
            (target / inside).write_bytes(source.read())
    marker.write_text(real.commit + "\n", encoding="utf-8")
    return target


def main(names: list[str]) -> int:
    """Fetch the named sets (all when none is named); print where each went."""
    chosen = [s for s in EXTERNAL if not names or s.name in names]
    unknown = set(names) - {s.name for s in EXTERNAL}
    if unknown:
        print(f"unknown set(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    for real in chosen:
        print(f"{real.name}: {fetch(real)} ({real.repo}@{real.commit[:12]}, {real.licence})")
    print(f"cache: {EXTERNAL_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
