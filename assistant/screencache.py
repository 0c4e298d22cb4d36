"""Screenshots already read, by image sha256, so a run reads each once: owned by a session, bounded by bytes.

A `Session` makes one for its run and keeps it for the products it adds; nothing else holds it, so it goes
when the session goes, the same way for the CLI (the process ends), the UI (the next card replaces the
session) and a batch (one session per row). Past `max_bytes` of decoded pixels, the least recently used
screenshot is dropped: a run of many large pages holds what it needs, not every page it ever saw.
"""

from __future__ import annotations

from collections import OrderedDict

from .datamodel import LoadedImage, Screen

MAX_BYTES = 512 * 2**20  # ~170 pages of 1280x800 RGB, ~10 at the 16 MP OCR budget


class ScreenCache:
    def __init__(self, max_bytes: int = MAX_BYTES):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._screens: OrderedDict[str, Screen] = OrderedDict()

    def __len__(self) -> int:
        return len(self._screens)

    def get(self, image: LoadedImage) -> Screen | None:
        """What was read on these bytes, as a Screen of `image` (the same lines, this file's name and path)."""
        cached = self._screens.get(image.sha256)
        if cached is None:
            return None
        self._screens.move_to_end(image.sha256)
        return cached if cached.loaded.path == image.path else Screen(loaded=image, lines=cached.lines,
                                                                          capture=cached.capture)

    def put(self, screen: Screen) -> None:
        key = screen.loaded.sha256
        if key in self._screens:
            self.bytes -= _size(self._screens.pop(key))
        self._screens[key] = screen
        self.bytes += _size(screen)
        while self.bytes > self.max_bytes and len(self._screens) > 1:
            self.bytes -= _size(self._screens.popitem(last=False)[1])

    def clear(self) -> None:
        self._screens.clear()
        self.bytes = 0


def _size(screen: Screen) -> int:
    image = screen.loaded.image
    return image.width * image.height * len(image.getbands())
