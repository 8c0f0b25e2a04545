"""Files: uploads (images and attachments) kept in Django's ``STORAGES["files"]``.

The API other apps use (the Wiki.js importer and exporter included)::

    from files.services import ingest, UploadRefused

    upload = ingest(fileobj, name="photo.jpg", user=user, description="The village square")
    upload.file_url()       # "/files/42/photo.jpg", the original (current version)
    upload.markdown()       # "![The village square](/files/42/photo.jpg)" ("[name](url)" for
                            # attachments): what a page or post writes to show or link it
    with upload.open() as f:  # the current version's bytes, from whichever storage holds them
        data = f.read()

    from files.references import uploads_in
    uploads_in(markdown)    # the uploads a text references, by ``/files/<id>/`` URLs

``ingest`` decides the type from the content (never the name), re-encodes images with Pillow
(which drops EXIF, GPS included, and any smuggled payload), writes thumbnails once, and raises
``UploadRefused`` (a ``ValidationError`` with a message for the person) for anything it will not
store; then nothing is stored. ``dedupe=True`` returns an existing upload with the same bytes,
so importing a wiki twice does not duplicate its assets.
"""
