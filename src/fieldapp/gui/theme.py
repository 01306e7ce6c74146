"""Colours, fonts and the application stylesheet: calm, large, readable at arm's length.

Widgets pick variants with dynamic properties instead of inline styles (no widget calls
setStyleSheet; `set_state()` sets a property and re-applies the sheet):
    button.setProperty("kind", "primary" | "danger" | "flat")
    label.setProperty("role", "heading" | "subheading" | "muted" | "name")
    banner.setProperty("status", "ok" | "warning" | "refused" | "idle")
After changing a property at run time call `theme.repolish(widget)`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

UI_FONT = "IBM Plex Sans Arabic"
HEADING_FONT = "Amiri"
FONT_FILES = (
    "IBMPlexSansArabic-Regular.ttf",
    "IBMPlexSansArabic-Medium.ttf",
    "IBMPlexSansArabic-Bold.ttf",
    "Amiri-Regular.ttf",
    "Amiri-Bold.ttf",
)
BASE_POINT_SIZE = 12  # about 16 px at 96 dpi: readable on a 14" laptop at arm's length

PRIMARY = "#0b6b4f"  # deep green
PRIMARY_DARK = "#08523c"
PRIMARY_LIGHT = "#e3f1ec"
TEXT = "#1c2421"
MUTED = "#5c6b65"
BORDER = "#c9d3cf"
SURFACE = "#ffffff"
BACKGROUND = "#f4f6f5"
NAV_BACKGROUND = "#0d3b2e"
FOCUS = "#1d8fe0"

# The desk's result colours.
OK = "#1e7b34"
WARNING = "#b7791f"
REFUSED = "#b42318"
STATUS_COLOURS = {"ok": OK, "warning": WARNING, "refused": REFUSED, "error": REFUSED, "info": MUTED}
STATUS_BACKGROUNDS = {"ok": "#e6f4ea", "warning": "#fdf3e1", "refused": "#fdecea", "idle": "#eef2f0"}

# Visits: status chip colours (text, background); weekend days shaded in the week view.
VISIT_STATUS_STYLE = {
    "planned": ("#1d5fa8", "#e5effa"),
    "in_progress": (WARNING, STATUS_BACKGROUNDS["warning"]),
    "done": (OK, STATUS_BACKGROUNDS["ok"]),
    "cancelled": (MUTED, "#eef1f0"),
    "missed": (REFUSED, STATUS_BACKGROUNDS["refused"]),
}
WEEKEND_BACKGROUND = "#eceeed"


def _base() -> str:
    """The whole window: text colour, font, background."""
    return f"""\
QWidget {{
    color: {TEXT};
    font-family: "{UI_FONT}";
}}
QMainWindow, QDialog, QStackedWidget > QWidget {{
    background: {BACKGROUND};
}}
"""


def _labels() -> str:
    """Label roles: heading, subheading, muted, name, error; the placeholder page."""
    return f"""\
QLabel[role="heading"] {{
    font-family: "{HEADING_FONT}";
    font-size: 22pt;
    font-weight: bold;
    color: {PRIMARY_DARK};
}}
QLabel[role="subheading"] {{
    font-size: 14pt;
    font-weight: 500;
    color: {TEXT};
}}
QLabel[role="muted"] {{
    color: {MUTED};
}}
QLabel[role="name"] {{
    font-family: "{HEADING_FONT}";
    font-size: 18pt;
}}
QLabel[role="error"] {{
    color: {REFUSED};
    font-weight: 500;
}}
QLabel#placeholder {{
    font-size: 18pt;
    color: {MUTED};
}}
"""


def _inputs() -> str:
    """Line edits, spin boxes, date editors, combo boxes, and the desk's big scan field."""
    return f"""\
QLineEdit, QSpinBox, QDoubleSpinBox, QDateEdit, QDateTimeEdit, QTimeEdit, QPlainTextEdit, QTextEdit {{
    background: {SURFACE};
    border: 1px solid {BORDER};
    border-radius: 6px;
    padding: 6px 10px;
    min-height: 26px;
    selection-background-color: {PRIMARY};
}}
QAbstractSpinBox[buttons="none"]::up-button, QAbstractSpinBox[buttons="none"]::down-button {{
    width: 0px;
    border: none;
}}
QComboBox {{
    min-height: 32px;
    padding: 2px 8px;
}}
QLineEdit:focus, QSpinBox:focus, QDoubleSpinBox:focus, QDateEdit:focus,
QDateTimeEdit:focus, QTimeEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{
    border: 2px solid {FOCUS};
    padding: 5px 9px;
}}
QComboBox QAbstractItemView {{
    background: {SURFACE};
    selection-background-color: {PRIMARY};
    selection-color: white;
    padding: 4px;
}}
QScrollArea {{
    background: transparent;
}}
QWidget#qt_scrollarea_viewport, QWidget#scrollBody {{
    background: transparent;
}}
QLineEdit[kind="scan"] {{
    font-size: 20pt;
    padding: 10px 14px;
    border: 2px solid {PRIMARY};
}}
QLineEdit[kind="scan"]:focus {{
    border: 3px solid {FOCUS};
    padding: 9px 13px;
}}
"""


def _buttons() -> str:
    """Push and tool buttons, with their kinds: primary, danger, flat."""
    return f"""\
QPushButton, QToolButton {{
    background: {SURFACE};
    border: 1px solid {BORDER};
    border-radius: 6px;
    padding: 7px 16px;
    min-height: 24px;
}}
QPushButton:hover, QToolButton:hover {{
    background: {PRIMARY_LIGHT};
}}
QPushButton:focus, QToolButton:focus {{
    border: 2px solid {FOCUS};
}}
QPushButton:disabled {{
    color: #9aa5a0;
    background: #eef1f0;
}}
QPushButton[kind="primary"], QPushButton:default {{
    background: {PRIMARY};
    color: white;
    border: 1px solid {PRIMARY_DARK};
    font-weight: 500;
}}
QPushButton[kind="primary"]:hover, QPushButton:default:hover {{
    background: {PRIMARY_DARK};
}}
QPushButton[kind="primary"]:focus, QPushButton:default:focus {{
    border: 2px solid {FOCUS};
}}
QPushButton[kind="danger"] {{
    color: {REFUSED};
    border: 1px solid {REFUSED};
}}
QPushButton[kind="primary"]:disabled, QPushButton:default:disabled, QPushButton[kind="danger"]:disabled {{
    color: #9aa5a0;
    background: #eef1f0;
    border: 1px solid #d5dcd9;
}}
QPushButton[kind="flat"] {{
    border: none;
    background: transparent;
    color: {PRIMARY};
}}
"""


def _checks() -> str:
    """Check boxes and radio buttons."""
    return f"""\
QCheckBox, QRadioButton {{
    spacing: 8px;
    padding: 4px 0;
}}
QCheckBox:focus, QRadioButton:focus {{
    color: {PRIMARY_DARK};
    text-decoration: underline;
}}
"""


def _navigation() -> str:
    """The main window's navigation list."""
    return f"""\
QListWidget#navigation {{
    background: {NAV_BACKGROUND};
    border: none;
    color: #e8f0ed;
    font-size: 13pt;
    padding: 8px 0;
    outline: none;
}}
QListWidget#navigation::item {{
    padding: 12px 18px;
    margin: 2px 8px;
    border-radius: 6px;
}}
QListWidget#navigation::item:selected {{
    background: {PRIMARY};
    color: white;
}}
QListWidget#navigation::item:hover:!selected {{
    background: #18513f;
}}
QListWidget#navigation::item:disabled {{
    color: #6f8a80;
}}
QListWidget#navigation:focus {{
    border: 2px solid {FOCUS};
}}
"""


def _item_views() -> str:
    """Lists, tables and trees, and their headers."""
    return f"""\
QListView, QTableView, QTreeView, QListWidget {{
    background: {SURFACE};
    border: 1px solid {BORDER};
    border-radius: 6px;
    alternate-background-color: #f7faf9;
    selection-background-color: {PRIMARY};
    selection-color: white;
}}
QListView:focus, QTableView:focus, QTreeView:focus {{
    border: 2px solid {FOCUS};
}}
QTableView {{
    gridline-color: #e3e8e6;
}}
QHeaderView::section {{
    background: #e9efec;
    border: none;
    border-bottom: 1px solid {BORDER};
    padding: 6px 8px;
    font-weight: 500;
}}
"""


def _bars() -> str:
    """The status bar and the toolbar."""
    return f"""\
QStatusBar {{
    background: {SURFACE};
    border-top: 1px solid {BORDER};
}}
QStatusBar QLabel {{
    padding: 2px 10px;
}}
QToolBar {{
    background: {SURFACE};
    border-bottom: 1px solid {BORDER};
    spacing: 8px;
    padding: 4px 8px;
}}
"""


def _group_boxes() -> str:
    """Group boxes."""
    return f"""\
QGroupBox {{
    border: 1px solid {BORDER};
    border-radius: 8px;
    margin-top: 14px;
    padding: 14px 10px 10px 10px;
    background: {SURFACE};
    font-weight: 500;
}}
QGroupBox::title {{
    subcontrol-origin: margin;
    subcontrol-position: top left;  /* the start: Qt mirrors it to the right in Arabic */
    padding: 0 8px;
    color: {PRIMARY_DARK};
}}
"""


def _banner() -> str:
    """The desk's result banner, coloured by its status."""
    return f"""\
QFrame#statusBanner {{
    border-radius: 10px;
    border: 2px solid {BORDER};
    background: {STATUS_BACKGROUNDS["idle"]};
}}
QFrame#statusBanner[status="ok"] {{ border-color: {OK}; background: {STATUS_BACKGROUNDS["ok"]}; }}
QFrame#statusBanner[status="warning"] {{ border-color: {WARNING}; background: {STATUS_BACKGROUNDS["warning"]}; }}
QFrame#statusBanner[status="refused"] {{ border-color: {REFUSED}; background: {STATUS_BACKGROUNDS["refused"]}; }}
QFrame#statusBanner QLabel#bannerTitle {{ font-size: 24pt; font-weight: bold; }}
QFrame#statusBanner[status="ok"] QLabel#bannerTitle {{ color: {OK}; }}
QFrame#statusBanner[status="warning"] QLabel#bannerTitle {{ color: {WARNING}; }}
QFrame#statusBanner[status="refused"] QLabel#bannerTitle {{ color: {REFUSED}; }}
QFrame#statusBanner QLabel#bannerSubtitle {{ font-family: "{HEADING_FONT}"; font-size: 18pt; }}
QFrame#statusBanner QLabel#bannerDetail {{ color: {MUTED}; }}
"""


def _cards_and_tabs() -> str:
    """Cards (sign-in, first run), tabs and tooltips."""
    return f"""\
QFrame#card {{
    background: {SURFACE};
    border: 1px solid {BORDER};
    border-radius: 10px;
}}
QTabBar::tab {{
    padding: 8px 18px;
}}
QTabBar::tab:selected {{
    color: {PRIMARY_DARK};
    border-bottom: 3px solid {PRIMARY};
}}
QToolTip {{
    background: {TEXT};
    color: white;
    border: none;
    padding: 6px;
}}
"""


def _states() -> str:
    """Widgets coloured by a state instead of an inline style: inline notes (`note`, boxed), coloured
    text (`tone`), the status bar's message (`level`), big figures (role "figure" / "count")."""
    rules = []
    for status, colour in STATUS_COLOURS.items():
        background = STATUS_BACKGROUNDS.get("refused" if status == "error" else status, "transparent")
        rules.append(
            f'QLabel[note="{status}"] {{ color: {colour}; background: {background}; border: 1px solid {colour};'
            " border-radius: 6px; padding: 8px 12px; font-weight: 500; }"
        )
        rules.append(f'QLabel[tone="{status}"] {{ color: {colour}; font-weight: 500; }}')
    rules += [
        f'QLabel#statusMessage[level="{level}"] {{ color: {c}; }}' for level, c in STATUS_COLOURS.items()
    ]
    rules.append(f'QLabel[role="figure"] {{ color: {PRIMARY_DARK}; }}')
    rules.append(f'QLabel[role="count"] {{ font-size: 20pt; font-weight: bold; color: {PRIMARY_DARK}; }}')
    # The desk's banner is read from two metres away: larger than the shared one.
    rules += [
        'QFrame#statusBanner[scale="large"] QLabel#bannerTitle { font-size: 30pt; }',
        'QFrame#statusBanner[scale="large"] QLabel#bannerSubtitle { font-size: 34pt; }',
        'QFrame#statusBanner[scale="large"] QLabel#bannerDetail { font-size: 16pt; }',
        'QFrame#statusBanner[scale="large"] QLabel#bannerReason { font-size: 15pt; }',
    ]
    return "\n".join(rules) + "\n"


def _visits() -> str:
    """Visit cards, their status chips and clash markers, and the week's day columns."""
    rules = [
        f"QFrame#visitCard {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px; }}",
        f'QFrame#visitCard[clash="true"] {{ border-color: {WARNING}; }}',
        "QFrame#visitCard QLabel#visitTime, QFrame#visitCard QLabel#visitBody { font-weight: 600; }",
        'QFrame#visitCard[compact="true"] QLabel#visitTime, QFrame#visitCard[compact="true"] QLabel#visitBody'
        " { font-size: 10pt; }",
        'QFrame#visitCard[inactive="true"] QLabel#visitBody { text-decoration: line-through; }',
        f"QLabel#clashMarker {{ color: {WARNING}; font-weight: 600; }}",
        'QFrame#visitCard[compact="true"] QLabel#clashMarker { font-size: 10pt; }',
        "QLabel#statusChip { border-radius: 9px; padding: 1px 10px; font-weight: 500; border: 1px solid; }",
        'QLabel#statusChip[compact="true"] { padding: 0 6px; font-size: 9pt; }',
        f"QLabel#weekDayHeader {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px;"
        " padding: 4px; font-weight: 500; }",
        f'QLabel#weekDayHeader[today="true"] {{ border: 2px solid {PRIMARY}; font-weight: 700; }}',
        f'QLabel#weekDayHeader[weekend="true"] {{ background: {WEEKEND_BACKGROUND}; }}',
        f"QListWidget#weekDayList {{ background: {SURFACE}; }}",
        f'QListWidget#weekDayList[weekend="true"] {{ background: {WEEKEND_BACKGROUND}; }}',
        "QScrollArea#visitDetailScroll, QScrollArea#visitDetailScroll > QWidget > QWidget,"
        " QLabel#detailText { background: transparent; }",
    ]
    for status, (colour, background) in VISIT_STATUS_STYLE.items():
        rules.append(
            f'QLabel#statusChip[visitStatus="{status}"] {{ color: {colour}; background: {background};'
            f" border-color: {colour}; }}"
        )
    return "\n".join(rules) + "\n"


def _certificates() -> str:
    """The template editor's placeholder chips and its preview."""
    return f"""\
QPushButton[role="chip"] {{
    background: {PRIMARY_LIGHT};
    border: 1px solid {BORDER};
    border-radius: 12px;
    padding: 3px 10px;
    min-height: 18px;
}}
QLabel#templatePreview {{ background: {SURFACE}; border: 1px solid {BORDER}; }}
"""


_PIECES = (
    _base,
    _labels,
    _inputs,
    _buttons,
    _checks,
    _navigation,
    _item_views,
    _bars,
    _group_boxes,
    _banner,
    _cards_and_tabs,
    _states,
    _visits,
    _certificates,
)


def stylesheet() -> str:
    """The application stylesheet: one piece per widget family, in this order."""
    return "\n" + "".join(piece() for piece in _PIECES)


def set_state(widget: QWidget, name: str, value: str | bool | None) -> None:
    """Set a dynamic property the stylesheet colours by (note, tone, level...) and re-apply it."""
    widget.setProperty(name, value)
    repolish(widget)


def repolish(widget: QWidget) -> None:
    """Apply a changed dynamic property (kind/role/status) to the stylesheet."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
