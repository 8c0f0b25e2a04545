"""Files as they come from phones, editors and attackers, made in memory for the tests."""

import io
import struct
import zlib

from PIL import ExifTags, Image, PngImagePlugin

SCRIPT = b"<html><body><script>alert(document.cookie)</script></body></html>"


def png(width=40, height=30, colour=(200, 80, 40), mode="RGB", **save):
    image = Image.new(mode, (width, height), colour)
    out = io.BytesIO()
    image.save(out, "PNG", **save)
    return out.getvalue()


def noise_png(width, height):
    """A PNG that does not compress: size grows with the pixels."""
    import os

    image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def jpeg_with_gps(width=60, height=40, orientation=6):
    """A phone photo: GPS position, camera make, a comment, and an orientation tag."""
    image = Image.new("RGB", (width, height), (30, 120, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (4.0, 53.0, 33.1)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"taken at home")
    return out.getvalue()


def png_html_polyglot():
    """A valid PNG whose text chunk is an HTML page, with more HTML after the image's end."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SCRIPT.decode())
    return png(pnginfo=info) + SCRIPT


def png_with_html_after_end():
    return png() + b"\n" + SCRIPT


def svg_with_script():
    return (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" '
            b'height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>')


def html_page():
    return b"<!DOCTYPE html>\n<html><head><title>x</title></head><body>Hello</body></html>"


def bare_html_fragment():
    return b"\xef\xbb\xbf  <p onclick=\"alert(1)\">Click</p><img src=x onerror=alert(1)>"


def decompression_bomb(width=12000, height=12000):
    """A small PNG that claims (and holds, compressed) width x height 1-bit pixels."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    compressed = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", compressed)
            + chunk(b"IEND", b""))


def truncated_jpeg():
    return jpeg_with_gps()[:200]


def gif_animated(frames=3):
    images = [Image.new("RGB", (20, 20), (i * 60, 0, 255 - i * 60)) for i in range(frames)]
    out = io.BytesIO()
    images[0].save(out, "GIF", save_all=True, append_images=images[1:], duration=100, loop=0)
    return out.getvalue()


def cmyk_jpeg():
    out = io.BytesIO()
    Image.new("CMYK", (30, 30), (0, 120, 200, 10)).save(out, "JPEG")
    return out.getvalue()


def palette_png_with_transparency():
    image = Image.new("P", (16, 16), 1)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    out = io.BytesIO()
    image.save(out, "PNG", transparency=0)
    return out.getvalue()


def webp(width=50, height=50):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (0, 200, 0)).save(out, "WEBP")
    return out.getvalue()


def pdf():
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")
