from __future__ import annotations

import io
import logging

import numpy as np
import pytest
from PIL import Image

from articlecast.errors import InputError
from articlecast.output.cover import MAX_PX, MIN_PX, generate_cover, load_cover


def _save(tmp_path, image: Image.Image, name: str, **options):
    path = tmp_path / name
    image.save(path, **options)
    return path


def _open(jpeg: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(jpeg))
    assert image.format == "JPEG"
    return image


def _gradient(width: int, height: int) -> Image.Image:
    x = np.linspace(0, 255, width, dtype=np.uint8)[None, :].repeat(height, 0)
    return Image.fromarray(np.stack([x, x[:, ::-1], np.full_like(x, 90)], axis=-1))


@pytest.mark.parametrize(("make", "name", "expected_px", "warns"), [
    (lambda: _gradient(1600, 1600).convert("RGBA"), "alpha.png", 1600, False),
    (lambda: _gradient(1600, 1600).convert("P"), "palette.png", 1600, False),
    (lambda: _gradient(1500, 1500).convert("CMYK"), "cmyk.jpg", 1500, False),
    (lambda: _gradient(1500, 1500).convert("L"), "grey.png", 1500, False),
    (lambda: _gradient(2000, 1500), "wide.png", 1500, True),
    (lambda: _gradient(800, 800), "small.png", MIN_PX, True),
    (lambda: _gradient(3600, 3600), "huge.png", MAX_PX, False),
])
def test_user_images_become_square_rgb_jpegs_in_range(tmp_path, caplog, make, name, expected_px, warns):
    path = _save(tmp_path, make(), name)
    with caplog.at_level(logging.WARNING, logger="articlecast.output.cover"):
        image = _open(load_cover(path))
    assert image.mode == "RGB"
    assert image.size == (expected_px, expected_px)
    assert bool(caplog.records) == warns


def test_transparency_becomes_white(tmp_path):
    clear = Image.new("RGBA", (1400, 1400), (255, 0, 0, 0))
    image = _open(load_cover(_save(tmp_path, clear, "clear.png")))
    assert image.getpixel((700, 700)) == pytest.approx((255, 255, 255), abs=3)


def test_a_non_square_image_keeps_its_centre(tmp_path):
    wide = Image.new("RGB", (3000, 1500), "blue")
    wide.paste(Image.new("RGB", (1500, 1500), "yellow"), (750, 0))  # yellow exactly in the middle
    image = _open(load_cover(_save(tmp_path, wide, "wide.png")))
    assert image.size == (1500, 1500)
    assert image.getpixel((5, 750)) == pytest.approx((255, 255, 0), abs=8)


def test_a_fitting_jpeg_is_used_byte_for_byte(tmp_path):
    path = _save(tmp_path, _gradient(1400, 1400), "fits.jpg", quality=80)
    assert load_cover(path) == path.read_bytes()


@pytest.mark.parametrize(("content", "message"), [
    (b"GIF87a not really", "not an image"),
    (b"plain text, not a picture", "not an image"),
])
def test_a_file_that_is_not_an_image_is_an_input_error(tmp_path, content, message):
    path = tmp_path / "cover.png"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_cover(path)


def test_a_missing_or_tiny_image_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        load_cover(tmp_path / "nope.jpg")
    with pytest.raises(InputError, match="1400-3000 px"):
        load_cover(_save(tmp_path, _gradient(120, 120), "icon.png"))


def test_generated_cover_is_a_square_jpeg_with_text_and_is_deterministic():
    jpeg = generate_cover("Strom vom Scheunendach: Wie ein Dorf seine Energie selbst erzeugt", "Artikel zum Hören")
    image = _open(jpeg)
    assert image.size == (MIN_PX, MIN_PX) and image.mode == "RGB"
    pixels = np.asarray(image, dtype=np.int16)
    background = pixels[5, 5]
    text_pixels = np.abs(pixels - background).sum(axis=-1) > 200
    assert text_pixels[: MIN_PX // 2].mean() > 0.02  # the title, large, in the upper half
    assert text_pixels[-MIN_PX // 6:].mean() > 0.002  # the show's name at the bottom
    assert generate_cover("Strom vom Scheunendach: Wie ein Dorf seine Energie selbst erzeugt",
                          "Artikel zum Hören") == jpeg


def test_generated_covers_differ_in_color_by_title_and_honour_the_size():
    a = np.asarray(_open(generate_cover("Erster Titel", "Show", size_px=1500)))
    b = np.asarray(_open(generate_cover("Zweiter Titel", "Show", size_px=1500)))
    assert a.shape == (1500, 1500, 3)
    assert np.abs(a[5, 5].astype(int) - b[5, 5].astype(int)).sum() > 20


@pytest.mark.parametrize("title", ["", "Ein", "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung",
                                   "Sehr " * 80 + "lang", "<Tags> & \"Zeichen\" — ünïcødé ✓"])
def test_generated_cover_copes_with_any_title(title):
    assert _open(generate_cover(title, "Show")).size == (MIN_PX, MIN_PX)


def test_letters_the_font_lacks_are_spelled_out_never_drawn_as_boxes():
    from PIL import ImageFont

    from articlecast.output.cover import _printable

    pillow_font = ImageFont.load_default(size=40)  # has no umlauts
    assert _printable("Hören — Straße, Café", pillow_font) == "Hoeren - Strasse, Cafe"


def test_a_long_word_is_set_smaller_rather_than_broken(monkeypatch):
    from articlecast.output import cover as cover_module

    drawn: list[str] = []
    real = cover_module._draw_lines
    monkeypatch.setattr(cover_module, "_draw_lines", lambda draw, lines, *a: (drawn.extend(lines), real(draw, lines, *a)))
    cover_module.generate_cover("Nachtbibliothek", "Artikel, vorgelesen", 400)
    assert "Nachtbibliothek" in drawn
