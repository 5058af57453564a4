"""The form service's layout: no import cycle between its modules, blueprints laid out alike, and every
list of draft fields derived from or checked against the shared one (programmes.answers.DRAFT_FIELDS)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import String

from programmes.answers import DRAFT_FIELDS, FIELD_NAMES, FIELDS_BY_NAME
from webform.draft_input import REQUIRED_MESSAGES
from webform.draft_labels import FIELD_LABELS, SECTIONS
from webform.models.drafts import Draft

WEBFORM = Path(__file__).resolve().parents[2] / "webform"
BLUEPRINTS = ("api", "applicant", "finder", "maintainers", "site", "staff")


def _module_name(path: Path) -> str:
    parts = path.relative_to(WEBFORM.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _exists(module: str) -> bool:
    base = WEBFORM.parent.joinpath(*module.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def import_graph() -> dict[str, set[str]]:
    """Which webform module imports which, counting imports inside functions too."""
    graph: dict[str, set[str]] = {}
    for path in WEBFORM.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        name = _module_name(path)
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                edges.update(a.name for a in node.names if a.name.startswith("webform"))
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("webform"):
                for alias in node.names:  # `from webform import repository` imports a module
                    child = f"{node.module}.{alias.name}"
                    edges.add(child if _exists(child) else node.module)
        graph[name] = edges - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other (Tarjan's strongly connected components > 1)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_two_webform_modules_import_each_other() -> None:
    graph = import_graph()
    assert "webform.staff.auth" in graph["webform.staff.routes"]  # the graph sees real imports
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_finder_does_not_reach_into_the_api() -> None:
    graph = import_graph()
    for module in ("webform.finder.routes", "webform.finder.forms"):
        assert not any(target.startswith("webform.api") for target in graph[module])


@pytest.mark.parametrize("blueprint", BLUEPRINTS)
def test_every_blueprint_is_a_package_whose_init_only_creates_it(blueprint: str) -> None:
    package = WEBFORM / blueprint
    assert (package / "routes.py").exists()
    tree = ast.parse((package / "__init__.py").read_text())
    statements = [n for n in tree.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    assert [type(n).__name__ for n in statements] == ["ImportFrom", "Assign"]
    assert ast.unparse(statements[0]) == "from flask import Blueprint"
    assert ast.unparse(statements[1].targets[0]) == "bp"  # type: ignore[attr-defined]


def test_the_sign_in_check_lives_beside_the_staff_pages() -> None:
    import webform.security
    import webform.staff.auth

    assert hasattr(webform.staff.auth, "staff_login_required")
    assert not hasattr(webform.security, "staff_login_required")


def test_every_shared_draft_field_has_a_column_of_its_kind_and_length() -> None:
    columns = Draft.__table__.columns
    for field in DRAFT_FIELDS:
        assert field.name in columns, field.name
        column_type = columns[field.name].type
        if isinstance(column_type, String) and column_type.length and field.max_length:
            assert column_type.length >= field.max_length, field.name
    assert tuple(Draft().fields()) == FIELD_NAMES


def test_labels_sections_and_required_messages_cover_the_shared_field_list() -> None:
    assert set(FIELD_LABELS) == set(FIELD_NAMES)
    assert sorted(f for _section, fields in SECTIONS for f in fields) == sorted(FIELD_NAMES)
    assert set(REQUIRED_MESSAGES) == {name for name in FIELD_NAMES if FIELDS_BY_NAME[name].required}


def test_the_applicant_form_asks_every_shared_field_without_a_template_edit() -> None:
    from webform.applicant.forms import field_input

    assert {field_input(name)["widget"] for name in FIELD_NAMES} == {"input", "select", "checkboxes", "textarea"}
    assert field_input("project_summary")["widget"] == "textarea"
    assert field_input("contact_email") == {"widget": "input", "type": "email", "autocomplete": "email"}


def test_the_form_service_keeps_no_copy_of_the_shared_rules() -> None:
    sources = "\n".join(p.read_text() for p in WEBFORM.rglob("*.py") if "migrations" not in p.parts)
    for copy in ("TEXT_LIMITS", "LSI_TYPES", "_PHONE", "_amount_from_text", "MAX_BUDGET_EUR", 're.compile(r"\\+?'):
        assert copy not in sources, copy
