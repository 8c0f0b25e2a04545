"""The site's own copy of mermaid, so diagrams draw without a CDN and under a strict CSP.

mermaid is a JavaScript package: it is taken from the npm registry with npm itself (``npm pack``
of one pinned version), checked against the registry's published sha512 integrity, and only
``dist/mermaid.min.js`` and its licence are kept, under this app's static files. The copy is not
committed (3 MB of generated code); ``make install`` runs ``manage.py fetch_mermaid``, and
without it diagrams show their source and a system check says how to fetch it.
"""

import base64
import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

# Pinned: a new mermaid version is a reviewed change of these two lines (`npm view
# mermaid@VERSION dist.integrity` gives the second).
MERMAID_VERSION = "11.12.0"
MERMAID_INTEGRITY = (
    "sha512-ZudVx73BwrMJfCFmSSJT84y6u5brEoV8DOItdHomNLz32uBjNrelm7mg95X7g+C6UoQH/W6mBLGDEDv73JdxBg=="
)
STATIC_PATH = "markup/vendor/mermaid/mermaid.min.js"
TARGET = Path(__file__).resolve().parent / "static" / STATIC_PATH
KEEP = {"package/dist/mermaid.min.js": "mermaid.min.js", "package/LICENSE": "LICENSE"}


class VendorError(RuntimeError):
    """Fetching failed; the message says why, for a person."""


def mermaid_present():
    return TARGET.is_file()


def integrity_of(data):
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def fetch_mermaid(npm="npm"):
    """Download, verify and unpack the pinned mermaid into the app's static files."""
    if shutil.which(npm) is None:
        raise VendorError("npm is not installed (Debian: apt-get install npm)")
    with tempfile.TemporaryDirectory() as folder:
        try:
            done = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
                [npm, "pack", f"mermaid@{MERMAID_VERSION}", "--silent"], cwd=folder,
                capture_output=True, text=True, timeout=600, check=False,
            )
        except subprocess.TimeoutExpired:
            raise VendorError("npm pack took more than 10 minutes") from None
        if done.returncode:
            raise VendorError(f"npm pack failed: {done.stderr.strip()[-300:]}")
        tarball = Path(folder) / f"mermaid-{MERMAID_VERSION}.tgz"
        data = tarball.read_bytes()
        if integrity_of(data) != MERMAID_INTEGRITY:
            raise VendorError("the downloaded mermaid does not match its pinned integrity")
        unpack(tarball, TARGET.parent)
    return TARGET


def unpack(tarball, folder):
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as archive:
        for member, name in KEEP.items():
            source = archive.extractfile(member)
            if source is None:
                raise VendorError(f"{member} is missing from the package")
            (folder / name).write_bytes(source.read())
