"""Open screenshots safely: they are untrusted files."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from .datamodel import LoadedImage
from .errors import BadInputError
from .files import read_regular
from .sanitize import clean_name, printable

ALLOWED_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif"}
MAX_FILE_BYTES = 40 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 2x-scale long page is ~10 MP; anything far above is a bomb or a poster

# Pillow raises DecompressionBombError at twice its limit and warns at the limit: make both ours.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def load_image(path: str | Path) -> LoadedImage:
    """Open one screenshot as upright RGB, or raise a one-line BadInputError saying what to do."""
    path = Path(path)
    if not path.is_file():  # a pipe or a device is no file either (stat says so, nothing is opened)
        raise BadInputError(f"{printable(path)}: no such file.", "Check the path, or pass a folder of screenshots.")
    try:
        size = path.stat().st_size
        data = read_regular(path, MAX_FILE_BYTES, "screenshot") if size <= MAX_FILE_BYTES else b""
    except OSError as exc:  # no permission, a symlink loop, a file that vanished
        raise BadInputError(f"{printable(path)}: cannot read it ({exc.strerror or exc}).",
                            "Check the file's permissions.") from None
    if size > MAX_FILE_BYTES:
        raise BadInputError(
            f"{printable(path.name)}: file is {size // 2**20} MiB, over the {MAX_FILE_BYTES // 2**20} MiB limit.",
            "Crop or downscale the screenshot and try again.",
        )
    image = _decode(path, data)
    return LoadedImage(name=clean_name(path.name), image=image, sha256=hashlib.sha256(data).hexdigest(), path=path)


def _decode(path: Path, data: bytes) -> Image.Image:
    import io

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                if img.format not in ALLOWED_FORMATS:
                    raise BadInputError(
                        f"{printable(path.name)}: {img.format} images are not supported.",
                        "Save the screenshot as PNG, JPEG, WebP or GIF.",
                    )
                _check_pixels(path, img.width, img.height)
                img.seek(0)  # first frame of an animated GIF/WebP
                img.load()
                upright = ImageOps.exif_transpose(img)
                return _to_rgb(upright)
    except BadInputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise BadInputError(
            f"{printable(path.name)}: image has too many pixels (limit {MAX_PIXELS // 1_000_000} MP).",
            "Downscale the screenshot and try again.",
        ) from None
    except UnidentifiedImageError:
        raise BadInputError(
            f"{printable(path.name)}: not an image file.", "Pass PNG, JPEG, WebP or GIF screenshots."
        ) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise BadInputError(
            f"{printable(path.name)}: the image is corrupt or truncated ({exc}).", "Take or export the screenshot again."
        ) from None


def _check_pixels(path: Path, width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise BadInputError(
            f"{printable(path.name)}: {width}x{height} is over the {MAX_PIXELS // 1_000_000} MP limit.",
            "Downscale the screenshot and try again.",
        )
    if width < 16 or height < 16:
        raise BadInputError(f"{printable(path.name)}: {width}x{height} is too small to read.", "Use a full screenshot.")


def _to_rgb(img: Image.Image) -> Image.Image:
    """RGB on white. Wide modes (16-bit and 32-bit grayscale, float) are scaled to 8 bits first: Pillow's own
    conversion clips them at 255, which turns a 16-bit page white."""
    if img.mode.startswith("I") or img.mode == "F":
        img = _to_8bit(img)
    if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return img.convert("RGB")


def _to_8bit(img: Image.Image) -> Image.Image:
    """A wide grayscale image as 'L': 16-bit ranges map 0..65535 to 0..255; float 0..1 to 0..255."""
    import numpy as np

    values = np.asarray(img, dtype=np.float64)
    top = float(values.max()) if values.size else 0.0
    if img.mode == "F" and top <= 1.0:
        values = values * 255.0
    elif top > 255:
        values = values / 257.0 if top <= 65535 else values * (255.0 / top)
    return Image.fromarray(np.clip(values, 0, 255).astype(np.uint8), mode="L")


def expand_inputs(inputs: list[str | Path]) -> list[Path]:
    """Files as given, folders as their images in name order."""
    paths: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.suffix.lower() in IMAGE_SUFFIXES)
            if not found:
                raise BadInputError(f"{printable(p)}: folder holds no screenshots.", "Add PNG, JPEG, WebP or GIF files.")
            paths.extend(found)
        else:
            paths.append(p)
    return paths
