"""The house rules on imports (pyproject.toml, [tool.importlinter]) hold, and a wrong import breaks them loudly."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ["spro_portal", "members", "practices", "indicators"]


def lint_imports(cwd):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def copy_of_the_project(tmp_path):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_project_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "wrong_import", "rule"),
    [
        ("members/services/commitments.py", "import practices.views", "Ground floor"),
        ("practices/views/__init__.py", "import indicators.views", "practices and indicators are independent"),
        ("spro_portal/composition.py", "import members.models", "spro_portal's helpers and composition"),
    ],
)
def test_a_wrong_import_fails_and_names_the_rule(tmp_path, module, wrong_import, rule):
    project = copy_of_the_project(tmp_path)
    path = project / module
    path.write_text(path.read_text() + f"\n{wrong_import}  # noqa\n")
    result = lint_imports(project)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert rule in " ".join(result.stdout.split())
