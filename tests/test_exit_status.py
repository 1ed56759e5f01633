"""The exit statuses are one table (errors.ExitStatus), and the README's table is that table."""
import re

import articlecast.errors as errors
from articlecast.errors import ArticlecastError, ExitStatus
from tests.conftest import ROOT


def _readme_codes() -> set[int]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(code) for code in re.findall(r"^\| (\d+) \|", section, re.M)}


def test_the_readme_documents_every_exit_status_and_no_other():
    assert _readme_codes() == {status.value for status in ExitStatus}


def test_every_error_class_exits_with_a_status_of_the_table():
    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, ArticlecastError)]
    assert len(classes) >= 9
    assert {type(c.exit_code) for c in classes} == {ExitStatus}
    # a user's mistake never exits like a bug
    assert all(c.exit_code != ExitStatus.INTERNAL for c in classes if c.__name__.endswith(("InputError", "NetworkError")))
