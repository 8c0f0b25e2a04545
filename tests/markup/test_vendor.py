"""The site's own copy of mermaid: integrity-checked, unpacked, linked from every page."""

import io
import tarfile

import pytest

from markup import vendor


def make_tarball(path, files):
    with tarfile.open(path, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_unpack_keeps_only_the_script_and_its_licence(tmp_path):
    tarball = make_tarball(tmp_path / "m.tgz", {
        "package/dist/mermaid.min.js": b"window.mermaid={}", "package/LICENSE": b"MIT",
        "package/dist/other.js": b"x",
    })
    vendor.unpack(tarball, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["LICENSE", "mermaid.min.js"]


def test_a_download_that_does_not_match_the_pin_is_refused(tmp_path, monkeypatch):
    def fake_run(args, cwd, **kwargs):
        make_tarball(f"{cwd}/mermaid-{vendor.MERMAID_VERSION}.tgz", {"package/LICENSE": b"x"})

        class Done:
            returncode = 0
        return Done()

    monkeypatch.setattr(vendor.subprocess, "run", fake_run)
    monkeypatch.setattr(vendor, "TARGET", tmp_path / "never" / "mermaid.min.js")
    with pytest.raises(vendor.VendorError, match="integrity"):
        vendor.fetch_mermaid(npm="sh")
    assert not (tmp_path / "never").exists()


def test_the_integrity_is_the_registrys_format():
    assert vendor.integrity_of(b"") == (
        "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==")


@pytest.mark.django_db
def test_pages_point_the_diagram_script_at_the_copy(client, monkeypatch):
    monkeypatch.setattr(vendor, "mermaid_present", lambda: True)
    import markup.templatetags.markup_assets as tags

    monkeypatch.setattr(tags, "mermaid_present", lambda: True)
    body = client.get("/").content.decode()
    assert 'src="/static/js/markup-blocks.js"' in body
    assert 'data-mermaid="/static/markup/vendor/mermaid/mermaid.min.js"' in body
    # (pages are cached for anonymous readers, so the tag itself is asked)
    monkeypatch.setattr(tags, "mermaid_present", lambda: False)
    assert tags.mermaid_url() == ""
