"""Every input of every screen has an accessible name (screen readers, and the keyboard-only desk)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractButton)


def _unnamed_inputs(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            continue  # the editor inside a combo or spin box: the outer widget carries the name
        if widget.objectName().startswith("qt_") or (
            type(widget).__name__ == "QToolButton" and not widget.objectName()
        ):
            continue  # Qt's own parts: a table's corner button, scroll and tab arrows
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not name.strip():
            missing.append(f"{type(widget).__name__} {widget.objectName() or '(no object name)'}")
    return missing


def test_every_input_of_every_screen_has_an_accessible_name(main_window, qtbot):
    problems = {}
    for key in main_window.screen_keys():
        main_window.show_screen(key)
        main_window.ctx.runner.wait_idle(5)
        screen = main_window.screens[key]
        missing = _unnamed_inputs(screen)
        if missing:
            problems[key] = missing
    assert not problems, problems
