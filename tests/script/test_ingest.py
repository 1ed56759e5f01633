"""load_article: formats by extension and sniffing, stdin, and every input error on one line naming the source."""
from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from articlecast.errors import InputError
from articlecast.script.ingest import article_from_text, load_article, sniff_format
from articlecast.script.model import Block

TEXT = "Die Fähre\n\nVon Ada Lovett\n\nDer Kapitän legt um elf ab. Er war noch nie zu spät.\n"
MARKDOWN = "# Die Fähre\n\nVon Ada Lovett\n\n**Der Kapitän** legt um elf ab. Er war noch nie zu spät.\n"
EXPECTED = ("Die Fähre", "Ada Lovett", "de", (Block("paragraph", "Der Kapitän legt um elf ab. Er war noch nie zu spät."),))


def summary(article):
    return article.title, article.author, article.language, article.blocks


@pytest.mark.parametrize(
    ("name", "content"),
    [("a.txt", TEXT), ("a.TEXT", TEXT), ("a.md", MARKDOWN), ("a.markdown", MARKDOWN), ("a", TEXT), ("a", MARKDOWN)],
)
def test_file_formats(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    article = load_article(str(path))
    assert summary(article) == EXPECTED
    assert article.source == str(path)


@pytest.mark.parametrize(
    ("text", "fmt"),
    [("<!DOCTYPE html><html>…", "html"), ("  \n<html lang='de'>", "html"), ("<HTML>", "html"),
     ("# Titel\n\nText", "markdown"), ("Titel\n\nText", "text"), ("#hashtag\n\nText", "text")],
)
def test_sniff_format(text, fmt):
    assert sniff_format(text) == fmt


@pytest.mark.parametrize(("content", "fmt"), [(TEXT, "text"), (MARKDOWN, "markdown")])
def test_stdin(content, fmt):
    article = load_article("-", stdin=io.BytesIO(content.encode("cp1252")))  # cp1252 works on stdin too
    assert summary(article) == EXPECTED
    assert article.source == "-"


def test_language_and_extra_boilerplate_pass_through(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT.replace("\n\nDer", "\n\nLesezeit: 3 Minuten\n\nDer"), encoding="utf-8")
    article = load_article(str(path), language="en", extra_boilerplate=[r"^Lesezeit:"])
    assert (article.language, article.dropped, article.blocks) == ("en", ("Lesezeit: 3 Minuten",), EXPECTED[3])


def test_plain_text_does_not_import_trafilatura(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    code = ("import sys; from articlecast.script.ingest import load_article; "
            f"load_article({str(path)!r}); print('trafilatura' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("name", "content", "message"),  # content None: no file at all
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"", "empty input, there is no article to read"),
        ("blank.md", b"  \n\t\n\xc2\xa0\n\xe2\x80\x8b\n", "empty input, there is no article to read"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file, not an article (NUL bytes)"),
        ("paper.pdf", b"%PDF-1.4", "{path}: unknown extension .pdf and no HTML inside (use .txt, .md or .html)"),
        ("junk.txt", b"Anzeige\n\nicon_cookie\n\nCookies verwalten\n", "nothing but boilerplate, there is no article to read"),
        ("page.html", b"<!DOCTYPE html><html><body><nav>Start</nav></body></html>",
         "no article found in {path}: no text besides navigation and page furniture (--force builds it anyway)"),
    ],
    ids=["missing", "empty", "blank", "binary", "extension", "boilerplate", "no-article"],
)
def test_input_errors_name_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_article(str(path))
    assert str(caught.value) == (message.format(path=path) if "{path}" in message else f"{path}: {message}")
    assert "\n" not in str(caught.value)


def test_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match=f"^{tmp_path}: is a directory, not an article file$"):
        load_article(str(tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_an_input_error(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match="secret.txt: permission denied, cannot read the file$"):
        load_article(str(path))


@pytest.mark.parametrize(
    ("error", "message"),
    [(PermissionError(13, "Permission denied"), "permission denied, cannot read the file"),
     (OSError(5, "Input/output error"), "cannot read the file (Input/output error)")],
)
def test_read_errors_become_input_errors(tmp_path, monkeypatch, error, message):
    # Root ignores file permissions, so the OS error is raised where the file is opened.
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    real_open = os.open

    def failing_open(name, *args, **kwargs):
        if str(name) == str(path):
            raise error
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing_open)
    with pytest.raises(InputError, match=f"^{path}: {message.replace('(', '[(]').replace(')', '[)]')}$"):
        load_article(str(path))


def test_empty_stdin_names_standard_input():
    with pytest.raises(InputError, match="^standard input: empty input"):
        load_article("-", stdin=io.BytesIO(b""))


def test_unknown_format_argument():
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        article_from_text("x", fmt="pdf")


def test_title_only_input_is_an_article():
    article = article_from_text("Kurzmeldung ohne Text\n")
    assert (article.title, article.blocks) == ("Kurzmeldung ohne Text", ())
