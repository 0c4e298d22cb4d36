"""Screenshots are untrusted: every bad file gets one clear line, good ones come out upright RGB."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from typer.testing import CliRunner

from assistant.cli import app
from assistant.errors import BadInputError
from assistant.images import MAX_FILE_BYTES, expand_inputs, load_image


def _png(path, size=(64, 48), mode="RGB", color=(200, 30, 30)):
    Image.new(mode, size, color).save(path)
    return path


def test_rgba_palette_cmyk_become_rgb(tmp_path):
    rgba = _png(tmp_path / "a.png", mode="RGBA", color=(0, 0, 0, 0))
    assert load_image(rgba).image.mode == "RGB"
    assert load_image(rgba).image.getpixel((1, 1)) == (255, 255, 255)  # transparent → white page
    Image.new("P", (40, 40)).save(tmp_path / "p.gif")
    assert load_image(tmp_path / "p.gif").image.mode == "RGB"
    Image.new("CMYK", (40, 40), (0, 255, 255, 0)).save(tmp_path / "c.jpg")
    assert load_image(tmp_path / "c.jpg").image.mode == "RGB"


def test_exif_orientation_is_applied(tmp_path):
    img = Image.new("RGB", (80, 40), "white")
    exif = img.getexif()
    exif[0x0112] = 6  # rotated 90°: a phone screenshot held sideways
    img.save(tmp_path / "r.jpg", exif=exif)
    assert load_image(tmp_path / "r.jpg").image.size == (40, 80)


def test_first_frame_of_animated_gif(tmp_path):
    frames = [Image.new("P", (32, 32), i) for i in (1, 2)]
    frames[0].save(tmp_path / "anim.gif", save_all=True, append_images=frames[1:])
    assert load_image(tmp_path / "anim.gif").image.size == (32, 32)


@pytest.mark.parametrize("make, words", [
    (lambda p: p.write_text("hello, not an image"), "not an image"),
    (lambda p: p.write_bytes(_png_bytes()[:200]), "corrupt or truncated"),
    (lambda p: Image.new("RGB", (40, 40)).save(p, format="BMP"), "not supported"),
    (lambda p: Image.new("RGB", (40, 40)).save(p, format="TIFF"), "not supported"),
    (lambda p: Image.new("1", (8000, 6000)).save(p, format="PNG"), "MP"),
    (lambda p: Image.new("RGB", (8, 8)).save(p, format="PNG"), "too small"),
])
def test_bad_files_get_one_clear_line(tmp_path, make, words):
    path = tmp_path / "shot.png"
    make(path)
    with pytest.raises(BadInputError) as info:
        load_image(path)
    message = str(info.value)
    assert words in message and "\n" not in message and "shot.png" in message


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.png"
    with open(path, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(BadInputError, match="MiB"):
        load_image(path)


def test_missing_file_and_empty_folder(tmp_path):
    with pytest.raises(BadInputError, match="no such file"):
        load_image(tmp_path / "nope.png")
    with pytest.raises(BadInputError, match="no screenshots"):
        expand_inputs([tmp_path])


def test_cli_prints_one_line_and_exit_code_2(tmp_path):
    bad = tmp_path / "bad.png"
    bad.write_text("garbage")
    good = _png(tmp_path / "good.png", size=(200, 100))
    result = CliRunner().invoke(app, ["compare", str(good), str(bad), "--backend", "ocr", "--out", str(tmp_path / "o")],
                                standalone_mode=False, catch_exceptions=True)
    assert isinstance(result.exception, BadInputError)
    assert not (tmp_path / "o").exists()  # validated before any work: nothing half-written


def _png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.effect_noise((256, 256), 60).convert("RGB").save(buf, format="PNG")
    return buf.getvalue()
