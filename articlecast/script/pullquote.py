"""Quoted passages from Markdown `>` and HTML <blockquote>: pull quote or plain text?"""
from __future__ import annotations

from collections.abc import Sequence

from articlecast.script.model import Block
from articlecast.script.names import attribution_speaker

RawBlock = tuple[str, str]  # (kind, text); kind is "heading", "paragraph" or "quote" (one per quoted paragraph)


def resolve_quotes(raw: Sequence[RawBlock]) -> tuple[Block, ...]:
    """A run of quoted paragraphs with a "— Name" line as its last line, or right after it, is one
    pull quote spoken by Name; a quote without attribution stays ordinary text."""
    blocks: list[Block] = []
    i = 0
    while i < len(raw):
        kind, text = raw[i]
        if kind != "quote":
            blocks.append(Block("heading" if kind == "heading" else "paragraph", text))
            i += 1
            continue
        end = i
        while end < len(raw) and raw[end][0] == "quote":
            end += 1
        quoted = [t for _, t in raw[i:end]]
        speaker = attribution_speaker(quoted[-1])
        if speaker:
            quoted.pop()
        elif end < len(raw) and raw[end][0] == "paragraph" and (speaker := attribution_speaker(raw[end][1])):
            end += 1
        if speaker and quoted:
            blocks.append(Block("pullquote", " ".join(quoted), speaker))
        else:
            blocks.extend(Block("paragraph", t) for t in quoted)
        i = end
    return tuple(blocks)
