"""The ground floor: what every package of shipcard needs and nothing of theirs.

Errors written for a person (`errors`), files written whole or not at all (`files`), text made safe for a
terminal or Markdown (`sanitize`). Nothing here imports another shipcard package (docs/architecture.md,
"Layers"), so `weights` can use them without reaching up into `assistant`.
"""
