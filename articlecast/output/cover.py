"""Episode cover art: the user's image made fit for podcast directories, or a generated one.

Apple Podcasts and most directories want a square RGB JPEG or PNG of 1400 to 3000 pixels.
A user's image is made to fit rather than refused, with a warning for every change:
  - not square: cropped to the centered square (covers are shown square everywhere anyway);
  - smaller than 1400 px: scaled up (it looks soft, but the feed is accepted); below 300 px it
    cannot look acceptable and is refused;
  - larger than 3000 px: scaled down;
  - transparency, palette, CMYK, grey: converted to RGB on white.
A file that already fits is used as it is, byte for byte.
"""
from __future__ import annotations

import colorsys
import hashlib
import io
import logging
import textwrap
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from articlecast.errors import InputError
from articlecast.fsutil import read_bounded

log = logging.getLogger(__name__)

MIN_PX, MAX_PX = 1400, 3000
REFUSE_BELOW_PX = 300
MAX_COVER_TITLE_CHARS = 200
MAX_COVER_BYTES = 64 * 1024 * 1024  # a 3000 px PNG is well below; /dev/zero is refused at once
JPEG_QUALITY = 90
MARGIN = 0.08  # of the side, around the generated cover's text
# Pillow's own font (no system font needed) lacks umlauts; a common system font with them is used
# when there is one, and any letter the font lacks is spelled without it, never drawn as a box.
PREFERRED_FONTS = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf")
SPELLED_OUT = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "—": "-", "–": "-",
               "„": "\"", "€": "EUR"}


def load_cover(path: Path) -> bytes:
    """The image at `path` as a square RGB JPEG of 1400-3000 px (see the module's rules)."""
    if not Path(path).exists():
        raise InputError(f"cover image {path} does not exist")
    raw = read_bounded(path, MAX_COVER_BYTES, what="cover image", label=f"cover image {path}")
    try:
        image = Image.open(io.BytesIO(raw))
        image.load()
    except UnidentifiedImageError:  # its message names the in-memory copy ("<_io.BytesIO object at 0x…>")
        raise InputError(f"cover image {path} is not an image Pillow can read (use a JPEG or PNG)") from None
    except (OSError, Image.DecompressionBombError) as e:
        raise InputError(f"cover image {path} is not an image Pillow can read ({e})") from None
    side = min(image.size)
    if side < REFUSE_BELOW_PX:
        raise InputError(f"cover image {path} is {image.width}x{image.height} px; "
                         f"podcast covers need {MIN_PX}-{MAX_PX} px square")
    if image.format == "JPEG" and image.mode == "RGB" and image.width == image.height \
            and MIN_PX <= side <= MAX_PX and not _rotated(image):
        return raw
    return _to_jpeg(_fit(image, path))


def _fit(image: Image.Image, path: Path) -> Image.Image:
    image = ImageOps.exif_transpose(image)
    if image.width != image.height:
        log.warning("cover %s is %dx%d px; using its centered square", path, image.width, image.height)
        image = ImageOps.fit(image, (min(image.size),) * 2, method=Image.Resampling.LANCZOS)
    target = min(max(image.width, MIN_PX), MAX_PX)
    if target != image.width:
        if target > image.width:
            log.warning("cover %s is only %d px; scaled up to %d px (it may look soft)", path, image.width, target)
        image = image.resize((target, target), Image.Resampling.LANCZOS)
    return _rgb(image)


def _rgb(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA"):
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")  # CMYK, L, I, F, YCbCr


def _rotated(image: Image.Image) -> bool:
    return image.getexif().get(0x0112, 1) != 1  # EXIF orientation


def _to_jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def generate_cover(title: str, show: str, size_px: int = MIN_PX) -> bytes:
    """A plain cover: the title large, the show's name small, on a color chosen by the title.

    The same title always gives the same image, so a rebuild does not change the episode's file.
    """
    background, ink = _colors(title)
    image = Image.new("RGB", (size_px, size_px), background)
    draw = ImageDraw.Draw(image)
    margin = round(size_px * MARGIN)
    width = size_px - 2 * margin
    show_font = _font(max(12, size_px // 26))
    show_lines = _wrap(draw, _printable(show, show_font), show_font, width, max_lines=2)
    show_height = _block_height(draw, show_lines, show_font)
    # only so much text fits a cover: a script's very long title must not cost a search over thousands of words
    shown = textwrap.shorten(title[:4 * MAX_COVER_TITLE_CHARS], MAX_COVER_TITLE_CHARS, placeholder=" …")
    title_font, title_lines = _fit_title(draw, shown or title[:MAX_COVER_TITLE_CHARS],
                                         width, size_px - 2 * margin - show_height - margin, size_px)
    _draw_lines(draw, title_lines, title_font, margin, margin, ink)
    _draw_lines(draw, show_lines, show_font, margin, size_px - margin - show_height, ink)
    draw.rectangle([margin, size_px - margin - show_height - margin // 2 - max(2, size_px // 300),
                    margin + width // 4, size_px - margin - show_height - margin // 2], fill=ink)
    return _to_jpeg(image)


def _colors(title: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """A calm, dark background with a hue from the title's hash, and near-white text on it."""
    hue = int.from_bytes(hashlib.sha256(title.encode("utf-8")).digest()[:2], "big") / 65535
    r, g, b = colorsys.hls_to_rgb(hue, 0.30, 0.45)
    return (round(r * 255), round(g * 255), round(b * 255)), (246, 244, 238)


def _fit_title(draw: ImageDraw.ImageDraw, title: str, width: int, height: int, size_px: int):
    """The largest font size at which the title fits the space, wrapped between words.

    A size that would have to break a word ("Nachtbiblioth-ek") is passed over for a smaller one.
    """
    for divisor in (9, 11, 13, 16, 20, 25, 32):
        font = _font(max(10, size_px // divisor))
        title = _printable(title, font)
        if divisor != 32 and any(draw.textlength(word, font=font) > width for word in title.split()):
            continue
        lines = _wrap(draw, title, font, width, max_lines=None)
        if _block_height(draw, lines, font) <= height:
            return font, lines
    return font, _wrap(draw, title, font, width, max_lines=max(1, height // _line_height(draw, font)))


def _font(size: int):
    for name in PREFERRED_FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _printable(text: str, font) -> str:
    missing = bytes(font.getmask("\ue000"))  # a private-use character: no font has a glyph for it

    def has_glyph(ch: str) -> bool:
        return ch.isspace() or bytes(font.getmask(ch)) != missing

    out = []
    for ch in text:
        if has_glyph(ch):
            out.append(ch)
            continue
        spelled = SPELLED_OUT.get(ch) or "".join(c for c in unicodedata.normalize("NFKD", ch)
                                                 if not unicodedata.combining(c))
        out.append("".join(c for c in spelled if has_glyph(c)))
    return "".join(out)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, *, max_lines: int | None) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        elif draw.textlength(word, font=font) <= width:
            lines.append(word)
        else:  # a single word wider than the cover: break it
            chars = max(1, int(len(word) * width / draw.textlength(word, font=font)))
            lines.extend(textwrap.wrap(word, chars))
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,;:") + " …"
    return lines


def _line_height(draw: ImageDraw.ImageDraw, font) -> int:
    top, bottom = draw.textbbox((0, 0), "ÄgjÉ", font=font)[1::2]
    return round((bottom - top) * 1.25)


def _block_height(draw: ImageDraw.ImageDraw, lines: list[str], font) -> int:
    return len(lines) * _line_height(draw, font)


def _draw_lines(draw: ImageDraw.ImageDraw, lines: list[str], font, x: int, y: int, ink) -> None:
    step = _line_height(draw, font)
    for i, line in enumerate(lines):
        draw.text((x, y + i * step), line, font=font, fill=ink)
